from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Elections")

    def ready(self):
        from organizations.access import register_scoped

        from . import models

        # How each election record reaches the community committee (or, for a filing, the
        # street or district it is addressed to) that the access gate scopes by.
        register_scoped(models.Election, "committee__")
        for model in (
            models.DirectEntry,
            models.Seats,
            models.Nomination,
            models.Objection,
            models.RollEntry,
            models.Teller,
            models.Round,
        ):
            register_scoped(model, "election__committee__")
        register_scoped(models.PaperEntry, "round__election__committee__")
        register_scoped(models.Filing, "addressee__")
        register_scoped(models.Removal, "post__node__")
        register_scoped(models.Appointment, "node__")
