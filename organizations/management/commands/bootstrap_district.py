"""`manage.py bootstrap_district --name NAME --username USER [--password PW]`: the first data.

Creates the district (the root organisation) and its first district-staff login through the
actions, so the work is locked and audited like any other; everything below is then built
in the application.
"""

import secrets
import string

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from organizations import actions, rules
from organizations.models import OrgNode, Role

# No 0/O, 1/l/I: the password is read off a screen and typed in once.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
_PASSWORD_LENGTH = 16


def generate_password() -> str:
    """A strong temporary password: letters and digits, at least one of each kind."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(_PASSWORD_LENGTH))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


class Command(BaseCommand):
    help = (
        "Create a district (the root organisation) and its first district-staff login. "
        "Without --password a strong temporary password is generated and printed once. "
        "Refuses when a district with that name exists or the username is taken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", required=True, help="The district's name, e.g. 某某区委组织部."
        )
        parser.add_argument("--username", required=True, help="The district staff login.")
        parser.add_argument("--full-name", default="", help="The login holder's full name.")
        parser.add_argument(
            "--password",
            help="A temporary password (checked by the password validators); generated if omitted.",
        )

    def handle(self, *args, name, username, full_name, password, **options):
        name, username = name.strip(), username.strip()
        if not name or not username:
            raise CommandError(_("Please give both a district name and a username."))
        generated = password is None
        if generated:
            password = generate_password()
        try:
            district = self.create(name, username, full_name, password)
        except ValidationError as invalid:
            raise CommandError("; ".join(invalid.messages)) from invalid
        self.stdout.write(
            self.style.SUCCESS(
                _("District %(name)s created; %(username)s is its district staff.")
                % {"name": district.name, "username": username}
            )
        )
        if generated:
            self.stdout.write(_("Temporary password (shown only this once):"))
            self.stdout.write(password)
        self.stdout.write(_("Please log in and change the password at once."))

    @transaction.atomic
    def create(self, name: str, username: str, full_name: str, password: str) -> OrgNode:
        if OrgNode.objects.filter(kind=rules.DISTRICT, name=name).exists():
            raise CommandError(
                _("A district named %(name)s already exists; nothing was created.") % {"name": name}
            )
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise CommandError(
                _("The username %(username)s is already taken; nothing was created.")
                % {"username": username}
            )
        district = actions.node_create(actor=None, parent=None, kind=rules.DISTRICT, name=name)
        user = actions.staff_login_create(
            actor=None, username=username, full_name=full_name, password=password, node=district
        )
        actions.role_grant(actor=None, user=user, node=district, role=Role.DISTRICT_STAFF)
        return district
