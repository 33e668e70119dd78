from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Co-building and services")

    def ready(self):
        from organizations.access import register_scoped

        from . import models

        # Each record reaches the community committee the access gate scopes by.
        for model in (
            models.UnitRegistration,
            models.Commitment,
            models.Agreement,
            models.Fund,
            models.DualRegistration,
            models.ServiceOpening,
            models.Commendation,
        ):
            register_scoped(model, "committee__")
        register_scoped(models.AgreementProject, "agreement__committee__")
        register_scoped(models.FundIncome, "fund__committee__")
        register_scoped(models.FundSpend, "fund__committee__")
        register_scoped(models.Signup, "opening__committee__")
        register_scoped(models.ServiceRecord, "node__")
