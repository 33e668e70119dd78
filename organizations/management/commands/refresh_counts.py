"""`manage.py refresh_counts`: verify, and repair, the cached subtree counts (organizations.counts).

`--check` only compares the cached member and household counts of every node with an
independent count and exits non-zero on a difference; without it the cache is dropped first
(the repair, e.g. after rows were written with bulk_create or SQL outside the actions), then
verified.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations import counts


class Command(BaseCommand):
    help = "Verify (and without --check, first rebuild) the cached subtree member counts."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Verify only, change nothing.")

    def handle(self, *args, check, **options):
        if not check:
            counts.invalidate()
        problems = counts.verify()
        if problems:
            for problem in problems[:50]:
                self.stderr.write(problem)
            raise CommandError(
                _("%(n)d nodes have wrong subtree counts; run refresh_counts to rebuild them.")
                % {"n": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Every node's subtree counts are exact.")))
