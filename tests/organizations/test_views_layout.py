"""Login, logout, password change and the layout: Chinese, phone-sized, all assets local."""

import re

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

from organizations.models import Role
from tests.factories import UserFactory
from tests.organizations.web import text


def test_login_page_is_chinese_for_phones_and_loads_nothing_from_the_internet(client):
    page = text(client.get(reverse("login")))
    assert '<html lang="zh-CN">' in page and 'name="viewport"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert '/static/js/htmx.min.js"' in page
    assert finders.find("js/htmx.min.js") and finders.find("css/site.css")


def test_logging_in_leads_to_the_navigator(tree, client):
    user = UserFactory()
    get_user_model().objects.filter(pk=user.pk).update(password=user.password)
    response = client.post(
        reverse("login"), {"username": user.username, "password": "pw-For-tests-1"}
    )
    assert response.status_code == 302 and response.url == reverse("organizations:navigator")


def test_the_navigation_names_the_user_and_logs_out_by_post(tree, role_user, login):
    user = role_user(Role.STREET_STAFF, tree.street)
    get_user_model().objects.filter(pk=user.pk).update(first_name="林晓")
    client = login(user)
    page = text(client.get(reverse("organizations:navigator")))
    assert "林晓" in page
    assert f'method="post" action="{reverse("logout")}"' in page
    assert reverse("organizations:audit") not in page  # street staff cannot search the log
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("organizations:navigator")).status_code == 302


def test_district_staff_see_the_audit_log_link(tree, role_user, login):
    page = text(
        login(role_user(Role.DISTRICT_STAFF, tree.district)).get(reverse("home"), follow=True)
    )
    assert reverse("organizations:audit") in page


def test_password_change_page_works(tree, role_user, login):
    client = login(role_user(Role.PARTY_MEMBER, tree.committee))
    assert 'name="new_password1"' in text(client.get(reverse("password_change")))
