from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from organizations.access import register_scoped

        from . import models

        # How each meeting record reaches the community committee the access gate scopes by.
        register_scoped(models.ThemeDay, "committee__")
        register_scoped(models.Attendance, "theme_day__committee__")
        register_scoped(models.Photo, "theme_day__committee__")
        register_scoped(models.CommitteeMeeting, "committee__")
        register_scoped(models.Resolution, "meeting__committee__")
        register_scoped(models.AnnualMeeting, "committee__")
        register_scoped(models.OfficerReport, "meeting__committee__")
        register_scoped(models.JointMeeting, "committee__")
        register_scoped(models.Visit, "committee__")
        register_scoped(models.Training, "committee__")
