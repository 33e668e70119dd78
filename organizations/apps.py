from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import checks, counts, page_cache, sessions  # noqa: F401 (checks, sessions)

        counts.connect()
        page_cache.connect()
