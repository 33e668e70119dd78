from django.urls import path

from elections.views import appointment

urlpatterns = [
    path(
        "org/<int:pk>/appoint/",
        appointment.AppointmentCreateView.as_view(),
        name="appointment_create",
    ),
]
