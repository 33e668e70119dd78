"""The election's pages: formation (1–7), the meeting day (8–10), filing (11–12), leaving."""

from . import appointment, filing, formation, meeting, removal

app_name = "elections"

urlpatterns = (
    formation.urlpatterns
    + meeting.urlpatterns
    + filing.urlpatterns
    + removal.urlpatterns
    + appointment.urlpatterns
)
