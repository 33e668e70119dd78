from django.urls import path

from . import views

app_name = "residents"

urlpatterns = [
    # Public pages (no login): the grid's map and photos, recording and following a matter.
    path("public/grid/<uuid:public_id>/map/", views.PublicMapView.as_view(), name="public_map"),
    path(
        "public/grid/<uuid:public_id>/photo/<int:post>/",
        views.PublicPhotoView.as_view(),
        name="public_photo",
    ),
    path(
        "public/grid/<uuid:public_id>/matter/",
        views.PublicMatterView.as_view(),
        name="public_matter",
    ),
    path("public/matter/", views.PublicStatusView.as_view(), name="public_status"),
    # Contact card (S6)
    path("residents/grid/<int:pk>/card/", views.CardEditView.as_view(), name="card_edit"),
    path(
        "residents/card/post/<int:pk>/",
        views.ContactCardEditView.as_view(),
        name="contact_card_edit",
    ),
    path("residents/grid/<int:pk>/cards/", views.CardsStartView.as_view(), name="cards_start"),
    path(
        "residents/grid/<int:pk>/cards.pdf",
        views.CardsDownloadView.as_view(),
        name="cards_download",
    ),
    path("residents/grid/<int:pk>/poster.pdf", views.PosterView.as_view(), name="poster"),
    # Matters (S7, S9)
    path("residents/node/<int:pk>/matters/", views.MatterListView.as_view(), name="matters"),
    path(
        "residents/node/<int:pk>/matters/new/",
        views.MatterCreateView.as_view(),
        name="matter_create",
    ),
    path("residents/matter/<int:pk>/", views.MatterView.as_view(), name="matter"),
    path(
        "residents/matter/<int:pk>/answer/", views.MatterAnswerView.as_view(), name="matter_answer"
    ),
    path(
        "residents/matter/<int:pk>/escalate/",
        views.MatterEscalateView.as_view(),
        name="matter_escalate",
    ),
    # Special groups (S8)
    path(
        "residents/grid/<int:pk>/recipients/",
        views.RecipientListView.as_view(),
        name="recipients",
    ),
    path(
        "residents/node/<int:pk>/not-visited/",
        views.NotVisitedView.as_view(),
        name="not_visited",
    ),
    path("residents/recipient/<int:pk>/", views.RecipientView.as_view(), name="recipient"),
    path(
        "residents/recipient/<int:pk>/needs/",
        views.NeedsUpdateView.as_view(),
        name="recipient_needs",
    ),
    path(
        "residents/recipient/<int:pk>/visit/",
        views.VisitCreateView.as_view(),
        name="recipient_visit",
    ),
]
