"""Field validators whose logic lives in rules.py; they turn a verdict into a ValidationError."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import rules


def validate_resident_id(value: str) -> None:
    problem = rules.resident_id_problem(value)
    if problem == "format":
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a final digit or X."),
            code="id_format",
        )
    if problem == "birth_date":
        raise ValidationError(
            _("The birth date inside this ID number (%(digits)s) is not a real date."),
            params={"digits": value[6:14]},
            code="id_birth_date",
        )
    if problem == "checksum":
        raise ValidationError(
            _("The last character of this ID number should be %(expected)s; please check it."),
            params={"expected": rules.resident_id_check_char(value[:17])},
            code="id_checksum",
        )


def validate_mobile_phone(value: str) -> None:
    if not rules.is_phone_number(value):
        raise ValidationError(
            _("Please enter an 11-digit mobile number or a landline such as 0571-87654321."),
            code="phone",
        )
