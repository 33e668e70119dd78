"""The meeting day (steps 7–10): console, check-in, speeches, kiosk, paper entry, tally sheet."""

from django.urls import path

from elections.views import (
    meeting_checkin,
    meeting_console,
    meeting_kiosk,
    meeting_paper,
    meeting_rounds,
    meeting_speeches,
    meeting_tally,
)

urlpatterns = [
    # The console of the community secretary
    path(
        "elections/<int:pk>/meeting/", meeting_console.MeetingConsoleView.as_view(), name="meeting"
    ),
    path(
        "elections/<int:pk>/meeting/open/",
        meeting_console.MeetingOpenView.as_view(),
        name="meeting_open",
    ),
    # Check-in by QR code
    path(
        "elections/<int:pk>/meeting/qr/",
        meeting_checkin.CheckInQRView.as_view(),
        name="meeting_qr",
    ),
    path(
        "elections/check-in/<str:token>/",
        meeting_checkin.CheckInView.as_view(),
        name="meeting_check_in",
    ),
    # Speeches
    path("elections/<int:pk>/speeches/", meeting_speeches.SpeechesView.as_view(), name="speeches"),
    # A round of the vote
    path("rounds/<int:pk>/code/", meeting_rounds.CodeIssueView.as_view(), name="round_code"),
    path(
        "rounds/<int:pk>/paper/issued/",
        meeting_rounds.PaperIssueView.as_view(),
        name="round_paper_issued",
    ),
    path("rounds/<int:pk>/paper/", meeting_paper.PaperEntryView.as_view(), name="round_paper"),
    path("rounds/<int:pk>/close/", meeting_rounds.RoundCloseView.as_view(), name="round_close"),
    path(
        "rounds/<int:pk>/sign-off/",
        meeting_rounds.RoundSignOffView.as_view(),
        name="round_sign_off",
    ),
    path("rounds/<int:pk>/tally/", meeting_tally.TallyView.as_view(), name="round_tally"),
    # The kiosk: no login, the one-time code is the credential
    path("kiosk/<uuid:public_id>/", meeting_kiosk.KioskView.as_view(), name="kiosk"),
    path(
        "kiosk/<uuid:public_id>/thanks/",
        meeting_kiosk.KioskThanksView.as_view(),
        name="kiosk_thanks",
    ),
]
