"""`manage.py seed_demo [--scale district]`: load demo data; running it again adds nothing."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from organizations.demo import logins, scale, small


class Command(BaseCommand):
    help = (
        "Load the demo district (示范区委组织部: 2 streets, 4 communities, one login per role) "
        "built through the application's actions. With --scale district, instead add a separate "
        "district tree (规模演示区委组织部: 10 streets, 100 communities, 1,000 grids, 10,000 "
        "buildings, 50,000 party members, 1,000 units) with bulk inserts; the two coexist. "
        "Each part is loaded once: a second run finds it and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "district"],
            default="demo",
            help="demo (default): the small district with logins; district: the bulk load.",
        )

    def handle(self, *args, scale, **options):
        if scale == "district":
            self.district_scale()
        else:
            self.demo()

    def demo(self):
        if small.find() is None:
            started = time.monotonic()
            small.Builder().build()
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo district %(name)s loaded in %(seconds).1f s.")
                    % {"name": small.DISTRICT_NAME, "seconds": time.monotonic() - started}
                )
            )
        else:
            self.stdout.write(
                _("Demo district %(name)s is already loaded; nothing added.")
                % {"name": small.DISTRICT_NAME}
            )
        self.stdout.write("")
        self.stdout.write(_("Demo logins, one per role:"))
        self.stdout.write(logins.table(logins.existing()))

    def district_scale(self):
        if scale.find() is not None:
            self.stdout.write(
                _("District-scale data (%(name)s) already exist; nothing added.")
                % {"name": scale.DISTRICT_NAME}
            )
            return
        started = time.monotonic()
        counts = scale.build()
        counts.pop("scale")
        summary = ", ".join(f"{key} {value:,}" for key, value in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("District-scale data loaded in %(seconds).1f s: %(summary)s.")
                % {"seconds": time.monotonic() - started, "summary": summary}
            )
        )
