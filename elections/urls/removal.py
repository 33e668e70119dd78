from django.urls import path

from elections.views import removal

urlpatterns = [
    path("posts/<int:pk>/leave/", removal.RemovalStartView.as_view(), name="removal_start"),
    path("removals/<int:pk>/decide/", removal.RemovalDecideView.as_view(), name="removal_decide"),
]
