"""The public grid page on a phone (375 px wide), in Chromium: the card fits, a matter is sent."""

import pytest

from tests.organizations.conftest import scene  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    yield page
    context.close()


def test_the_card_fits_a_phone_and_a_resident_sends_a_matter(scene, phone):  # noqa: F811
    grid = scene.tree.grid
    phone.goto(f"/public/grid/{grid.public_id}/")
    assert grid.name in phone.content()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"
    assert phone.evaluate("document.querySelector('.grid-map img').naturalWidth") > 0
    phone.locator("a.button").first.click()
    phone.locator("textarea").fill("小区路灯不亮，请尽快维修")
    phone.locator("button[type=submit]").click()
    ticket = phone.locator(".ticket").inner_text().strip()
    assert len(ticket) == 9 and ticket[4] == "-"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
