"""Resident ID checksum, phone shape and masking."""

import pytest
from django.core.exceptions import ValidationError

from organizations import rules
from organizations.validators import validate_mobile_phone, validate_resident_id

VALID_ID = "11010519491231002X"  # the GB 11643 standard's own example


def test_the_standard_example_passes():
    assert rules.resident_id_problem(VALID_ID) is None
    assert rules.resident_id_problem(VALID_ID.lower()) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("110105194912310021", "checksum"),
        ("11010519491231002", "format"),
        ("1101051949123100211", "format"),
        ("11010519491331002X", "birth_date"),
        ("11010519490230002X", "birth_date"),
        ("A1010519491231002X", "format"),
        ("", "format"),
    ],
)
def test_bad_ids_are_named(value, problem):
    assert rules.resident_id_problem(value) == problem


def test_checksum_message_gives_the_expected_character():
    with pytest.raises(ValidationError) as err:
        validate_resident_id("110105194912310021")
    assert "X" in str(err.value)


@pytest.mark.parametrize("phone", ["13812345678", "0571-87654321", "01012345678"])
def test_phones_pass(phone):
    validate_mobile_phone(phone)


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "abc", "138123456789"])
def test_bad_phones_fail(phone):
    with pytest.raises(ValidationError):
        validate_mobile_phone(phone)


def test_masking_keeps_only_the_ends():
    assert rules.mask_resident_id(VALID_ID) == "1101**********002X"
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask_phone("") == ""
