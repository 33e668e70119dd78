"""Factories for tests. Tree nodes go through organizations.actions, as in the application."""

import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from organizations import actions, rules
from organizations.models import (
    Gender,
    Household,
    MemberCategory,
    MemberUnit,
    PartyMember,
    PartyStatus,
    UnitKind,
)

_serial = itertools.count(1)


def resident_id(n: int | None = None, birth: str = "19800101") -> str:
    """A valid 18-digit ID number, distinct for each n."""
    n = next(_serial) if n is None else n
    first17 = f"330102{birth}{n % 1000:03d}"
    return first17 + rules.resident_id_check_char(first17)


def node(parent, name=None, **fields):
    kind = rules.DISTRICT if parent is None else parent.kind + 1
    return actions.node_create(
        actor=None, parent=parent, kind=kind, name=name or f"节点{next(_serial)}", **fields
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        # Saved with the hash, so a session made by force_login stays valid on the next request.
        self.set_password(extracted or "pw-For-tests-1")
        if create:
            self.save(update_fields=["password"])


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberUnit

    name = factory.Sequence(lambda n: f"单位{n}")
    kind = UnitKind.STATE_ENTERPRISE
    superior = "区国资委"
    member_count = 12


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyMember

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = Gender.FEMALE
    birth_date = datetime.date(1980, 1, 1)
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    resident_id = factory.Sequence(lambda n: resident_id(n + 500))
    party_status = PartyStatus.FULL
    joined_on = datetime.date(2005, 7, 1)
    category = MemberCategory.RESIDENT


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    address = factory.Sequence(lambda n: f"幸福路{n}号")
    people_count = 3
