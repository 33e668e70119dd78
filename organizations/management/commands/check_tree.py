"""`manage.py check_tree`: verify the organisation tree's nested sets and levels.

Reads every OrgNode in one query and hands the rows to organizations.treecheck. Exits
non-zero (CommandError) when a problem is found, so it can guard deployments and CI.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from organizations import treecheck
from organizations.models import OrgNode

FIELDS = ("id", "parent_id", "kind", "tree_id", "lft", "rght", "level")


class Command(BaseCommand):
    help = "Verify the organisation tree (django-mptt nested sets, levels, no cycles)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=50, help="Print at most this many problems."
        )

    def handle(self, *args, limit, **options):
        started = time.monotonic()
        rows = list(OrgNode.objects.order_by().values_list(*FIELDS))
        problems = treecheck.check(rows)
        seconds = time.monotonic() - started
        trees = len({row[3] for row in rows})
        if not problems:
            self.stdout.write(
                self.style.SUCCESS(
                    _("The tree is sound: %(nodes)d nodes, %(trees)d trees (%(seconds).2f s).")
                    % {"nodes": len(rows), "trees": trees, "seconds": seconds}
                )
            )
            return
        for problem in problems[:limit]:
            self.stderr.write(str(problem))
        if len(problems) > limit:
            self.stderr.write(_("… and %d more.") % (len(problems) - limit))
        raise CommandError(
            _("The tree has %(count)d problems in %(nodes)d nodes.")
            % {"count": len(problems), "nodes": len(rows)}
        )
