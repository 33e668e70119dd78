from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("dashboards/", views.HomeView.as_view(), name="home"),
    path("dashboards/<int:pk>/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboards/<int:pk>/<slug:table>.xlsx", views.ExportView.as_view(), name="export"),
    path("dashboards/<int:pk>/deadlines/", views.DeadlinesView.as_view(), name="deadlines"),
    path("dashboards/community/<int:pk>/", views.CommunityView.as_view(), name="community"),
    path(
        "dashboards/community/<int:pk>/deadlines/",
        views.CommunityDeadlinesView.as_view(),
        name="community_deadlines",
    ),
    path(
        "dashboards/community/<int:pk>/<slug:table>.xlsx",
        views.CommunityExportView.as_view(),
        name="community_export",
    ),
]
