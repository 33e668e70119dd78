from django.urls import path

from . import views, views_annual, views_committee, views_joint

app_name = "meetings"

urlpatterns = [
    path("committees/<int:pk>/theme-days/", views.ThemeDayListView.as_view(), name="list"),
    path("committees/<int:pk>/theme-days/new/", views.ThemeDayCreateView.as_view(), name="create"),
    path("theme-days/<int:pk>/", views.ThemeDayDetailView.as_view(), name="detail"),
    path("theme-days/<int:pk>/edit/", views.ThemeDayUpdateView.as_view(), name="edit"),
    path("theme-days/<int:pk>/held/", views.MarkHeldView.as_view(), name="mark_held"),
    path("theme-days/<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path("theme-days/<int:pk>/close/", views.CloseView.as_view(), name="close"),
    path("theme-days/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("theme-days/<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("theme-days/<int:pk>/attendance/", views.TickView.as_view(), name="tick"),
    path("theme-days/<int:pk>/qr.svg", views.QrView.as_view(), name="qr"),
    path("theme-days/<int:pk>/check-in/<str:token>/", views.CheckInView.as_view(), name="check_in"),
    path("theme-days/<int:pk>/photos/new/", views.PhotoAddView.as_view(), name="photo_add"),
    path("theme-day-photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("theme-day-attendance/<int:pk>/", views.AttendanceEditView.as_view(), name="attendance"),
    path("theme-days/mine/", views.MineView.as_view(), name="mine"),
    path("ical/committee/<str:token>.ics", views.committee_feed, name="ical_committee"),
    path("ical/member/<str:token>.ics", views.member_feed, name="ical_member"),
    path("theme-days/board/", views.BoardHomeView.as_view(), name="board_home"),
    path("theme-days/board/<int:pk>/", views.BoardView.as_view(), name="board"),
    path(
        "committees/<int:pk>/meetings/",
        views_committee.CommitteeMeetingListView.as_view(),
        name="committee_meetings",
    ),
    path(
        "committees/<int:pk>/meetings/new/",
        views_committee.CommitteeMeetingCreateView.as_view(),
        name="committee_meeting_create",
    ),
    path(
        "committee-meetings/<int:pk>/",
        views_committee.CommitteeMeetingDetailView.as_view(),
        name="committee_meeting",
    ),
    path(
        "committee-meetings/<int:pk>/attendance/",
        views_committee.CommitteeAttendanceView.as_view(),
        name="committee_attendance",
    ),
    path(
        "committee-meetings/<int:pk>/resolutions/new/",
        views_committee.ResolutionCreateView.as_view(),
        name="resolution_create",
    ),
    path(
        "committees/<int:pk>/resolutions/",
        views_committee.ResolutionRegisterView.as_view(),
        name="resolutions",
    ),
    path(
        "committees/<int:pk>/annual-meetings/",
        views_annual.AnnualMeetingListView.as_view(),
        name="annual_list",
    ),
    path(
        "committees/<int:pk>/annual-meetings/new/",
        views_annual.AnnualMeetingCreateView.as_view(),
        name="annual_create",
    ),
    path(
        "annual-meetings/<int:pk>/", views_annual.AnnualMeetingDetailView.as_view(), name="annual"
    ),
    path(
        "annual-meetings/<int:pk>/edit/",
        views_annual.AnnualMeetingEditView.as_view(),
        name="annual_edit",
    ),
    path(
        "annual-meetings/<int:pk>/representatives/",
        views_annual.RepresentativesView.as_view(),
        name="annual_representatives",
    ),
    path(
        "annual-meetings/<int:pk>/open/", views_annual.RatingOpenView.as_view(), name="annual_open"
    ),
    path(
        "annual-meetings/<int:pk>/close/",
        views_annual.RatingCloseView.as_view(),
        name="annual_close",
    ),
    path("annual-meetings/<int:pk>/rate/", views_annual.RateView.as_view(), name="annual_rate"),
    path(
        "annual-meetings/<int:pk>/work-report/",
        views_annual.WorkReportFileView.as_view(),
        name="annual_work_report",
    ),
    path(
        "annual-meetings/<int:pk>/report/",
        views_annual.ReportStartView.as_view(),
        name="annual_report_start",
    ),
    path(
        "annual-meetings/<int:pk>/report.pdf",
        views_annual.ReportPdfView.as_view(),
        name="annual_pdf",
    ),
    path(
        "annual-officers/<int:pk>/",
        views_annual.DutyReportView.as_view(),
        name="annual_duty_report",
    ),
    path(
        "committees/<int:pk>/joint-meetings/",
        views_joint.JointMeetingListView.as_view(),
        name="joint_meetings",
    ),
    path(
        "committees/<int:pk>/joint-meetings/new/",
        views_joint.JointMeetingCreateView.as_view(),
        name="joint_meeting_create",
    ),
    path(
        "joint-meetings/<int:pk>/",
        views_joint.JointMeetingDetailView.as_view(),
        name="joint_meeting",
    ),
    path(
        "joint-meetings/<int:pk>/record/",
        views_joint.JointMeetingRecordView.as_view(),
        name="joint_meeting_record",
    ),
    path(
        "committees/<int:pk>/visits/",
        views_joint.VisitListView.as_view(),
        name="visits",
    ),
    path(
        "committees/<int:pk>/visits/new/",
        views_joint.VisitCreateView.as_view(),
        name="visit_create",
    ),
    path(
        "visits/<int:pk>/",
        views_joint.VisitDetailView.as_view(),
        name="visit",
    ),
    path(
        "committees/<int:pk>/trainings/",
        views_joint.TrainingListView.as_view(),
        name="trainings",
    ),
    path(
        "committees/<int:pk>/trainings/new/",
        views_joint.TrainingCreateView.as_view(),
        name="training_create",
    ),
    path(
        "trainings/<int:pk>/",
        views_joint.TrainingDetailView.as_view(),
        name="training",
    ),
    path(
        "trainings/<int:pk>/attendance/",
        views_joint.TrainingAttendanceView.as_view(),
        name="training_attendance",
    ),
]
