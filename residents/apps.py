from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Residents")

    def ready(self):
        from organizations.access import register_scoped

        from . import models, tasks  # noqa: F401  (tasks registers the Celery task)

        register_scoped(models.GridCard, "node__")
        register_scoped(models.ContactCard, "post__node__")
        register_scoped(models.CardBatch, "node__")
        register_scoped(models.Matter, "node__")
        register_scoped(models.RecipientNeeds, "recipient__node__")
        register_scoped(models.Visit, "recipient__node__")
