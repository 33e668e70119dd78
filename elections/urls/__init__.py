"""The election's pages: formation (steps 1–7), the meeting day (8–10), filing (11–12)."""

from . import filing, formation, meeting

app_name = "elections"

urlpatterns = formation.urlpatterns + meeting.urlpatterns + filing.urlpatterns
