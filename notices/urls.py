from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.InboxView.as_view(), name="inbox"),
    path("notices/<int:pk>/read/", views.ReadView.as_view(), name="read"),
    path("notices/read-all/", views.ReadAllView.as_view(), name="read_all"),
    path("jobs/<int:pk>/", views.JobProgressView.as_view(), name="job"),
    path("jobs/<int:pk>/result/", views.JobResultView.as_view(), name="job_result"),
]
