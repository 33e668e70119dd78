from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from dajiwei.views import floor

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="organizations:navigator"), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("bench/floor/", floor, name="floor"),
    path("", include("organizations.urls")),
    path("", include("elections.urls")),
    path("", include("services.urls")),
    path("", include("notices.urls")),
    path("", include("meetings.urls")),
    path("", include("residents.urls")),
    path("", include("oversight.urls")),
]
