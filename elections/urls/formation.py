"""Formation pages: the committee's elections, the election page, steps 1–7, the public notice."""

from django.urls import path

from elections.views import formation, formation_publicity, formation_roll, formation_steps

urlpatterns = [
    path("org/<int:pk>/elections/", formation.ElectionListView.as_view(), name="election_list"),
    path(
        "org/<int:pk>/elections/add/",
        formation.ElectionCreateView.as_view(),
        name="election_create",
    ),
    path("elections/<int:pk>/", formation.ElectionDetailView.as_view(), name="election"),
    # 1–2. Direct entry and seats
    path(
        "elections/<int:pk>/direct-entries/add/",
        formation_steps.DirectEntryAddView.as_view(),
        name="direct_entry_add",
    ),
    path(
        "elections/<int:pk>/direct-entries/confirm/",
        formation_steps.DirectEntriesConfirmView.as_view(),
        name="direct_entries_confirm",
    ),
    path(
        "elections/<int:pk>/seats/",
        formation_steps.SeatsPublishView.as_view(),
        name="seats_publish",
    ),
    # 3–4. Nominations and review
    path(
        "elections/<int:pk>/nominations/",
        formation_steps.NominationListView.as_view(),
        name="nomination_list",
    ),
    path(
        "elections/<int:pk>/nominations/add/<str:route>/",
        formation_steps.NominationSubmitView.as_view(),
        name="nomination_submit",
    ),
    path(
        "elections/<int:pk>/nominations/close/",
        formation_steps.NominationsCloseView.as_view(),
        name="nominations_close",
    ),
    path(
        "elections/<int:pk>/nominations/reopen/",
        formation_steps.NominationsReopenView.as_view(),
        name="nominations_reopen",
    ),
    path(
        "nominations/<int:pk>/review/",
        formation_steps.NominationReviewView.as_view(),
        name="nomination_review",
    ),
    path(
        "elections/<int:pk>/review/close/",
        formation_steps.ReviewCloseView.as_view(),
        name="review_close",
    ),
    # 5–6. Publicity, objections, representatives
    path(
        "elections/<int:pk>/publicity/",
        formation_publicity.PublicityPublishView.as_view(),
        name="publicity_publish",
    ),
    path(
        "elections/<int:pk>/objections/add/",
        formation_publicity.ObjectionRecordView.as_view(),
        name="objection_record",
    ),
    path(
        "objections/<int:pk>/answer/",
        formation_publicity.ObjectionAnswerView.as_view(),
        name="objection_answer",
    ),
    path(
        "elections/<int:pk>/representatives/",
        formation_publicity.RepresentativesView.as_view(),
        name="representatives",
    ),
    # 7. The meeting roll and tellers
    path("elections/<int:pk>/roll/", formation_roll.RollView.as_view(), name="roll"),
    path("elections/<int:pk>/roll/add/", formation_roll.RollAddView.as_view(), name="roll_add"),
    path("roll/<int:pk>/exclude/", formation_roll.RollExcludeView.as_view(), name="roll_exclude"),
    path("roll/<int:pk>/check-in/", formation_roll.CheckInView.as_view(), name="roll_check_in"),
    path("elections/<int:pk>/tellers/", formation_roll.TellersView.as_view(), name="tellers"),
    # For residents, no login
    path(
        "public/election/<uuid:public_id>/",
        formation.PublicNoticeView.as_view(),
        name="public_notice",
    ),
]
