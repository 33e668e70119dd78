"""Recompute the object permissions of every role after an upgrade changed what roles allow."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from organizations import access


class Command(BaseCommand):
    help = "Recompute every user's permissions from their active roles (run after upgrading)."

    @transaction.atomic
    def handle(self, *args, **options):
        count = access.resync_all_permissions()
        self.stdout.write(_("Permissions recomputed for %(count)d roles.") % {"count": count})
