"""Each role's everyday pages pass axe-core's WCAG A/AA checks; forms answer to the keyboard;
the public pages fit a 375-pixel phone. The journeys check the pages of their own steps."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organizations.models import NodeKind, OrgNode

from .support import assert_accessible, assert_fits, assert_keyboard_reaches, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _node(name: str) -> OrgNode:
    return OrgNode.objects.get(name=name)


def _pages(*names_and_args):
    return [reverse(name, args=args) for name, *args in names_and_args]


def _check_each(page, urls):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)


def test_the_login_form_is_labelled_and_works_from_the_keyboard(demo, page):
    page.goto("/accounts/login/")
    assert_accessible(page)
    assert_keyboard_reaches(page, page.get_by_label("用户名"))
    page.keyboard.type("secretary")
    page.keyboard.press("Tab")
    expect(page.get_by_label("密码")).to_be_focused()
    from organizations.demo.logins import PASSWORD

    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="您的组织")).to_be_visible()


def test_each_staff_role_s_everyday_pages(demo, page, new_page):
    """One seeded district, three people: district staff, street staff, a community secretary."""
    district = OrgNode.objects.get(kind=NodeKind.DISTRICT)
    street, committee = _node("东湖街道"), _node("幸福社区大党委")
    log_in(page, "district")
    _check_each(
        page,
        _pages(
            ("organizations:navigator",),
            ("organizations:node", district.pk),
            ("oversight:home",),
            ("oversight:dashboard", district.pk),
            ("oversight:deadlines", district.pk),
            ("organizations:audit",),
        ),
    )
    street_page = new_page()
    log_in(street_page, "street")
    _check_each(
        street_page,
        _pages(
            ("oversight:dashboard", street.pk),
            ("oversight:community", committee.pk),
            ("organizations:node", committee.pk),
        ),
    )
    secretary_page = new_page()
    log_in(secretary_page, "secretary")
    _check_each(
        secretary_page,
        _pages(
            ("organizations:node", committee.pk),
            ("organizations:member_list", committee.pk),
            ("organizations:member_create", _node("幸福第1网格").pk),
            ("organizations:unit_list", committee.pk),
            ("residents:matters", committee.pk),
        ),
    )
    # The roster's filter form can be used without a mouse.
    secretary_page.goto(reverse("organizations:member_list", args=[committee.pk]))
    assert_keyboard_reaches(secretary_page, secretary_page.locator("main form button").first)


def test_the_public_pages_fit_a_phone_and_are_accessible(demo, phone):
    grid = _node("幸福第1网格")
    for url in (
        reverse("organizations:public_grid", args=[grid.public_id]),
        reverse("residents:public_status"),
    ):
        phone.goto(url)
        assert_fits(phone)
        assert_accessible(phone)
