"""What the browser journeys share: logging in, screenshots, and the accessibility checks."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from organizations.demo.logins import PASSWORD

# axe-core's rules, at the level the issue asks: labels on inputs, names on buttons and links,
# enough contrast, a language on the page, headings and landmarks that make sense.
AXE_TAGS = ["wcag2a", "wcag2aa"]
_axe = Axe()


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("form input[name=password]")).to_have_count(0)


def log_out(page: Page) -> None:
    page.context.clear_cookies()


class Screenshots:
    def __init__(self, folder: Path):
        self.folder = folder
        self.taken: list[Path] = []

    def __call__(self, page: Page, name: str, *, full_page: bool = True) -> Path:
        """Save the page as `<name>.png`, after fonts have loaded."""
        page.evaluate("document.fonts.ready")
        path = self.folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        self.taken.append(path)
        return path


def assert_accessible(page: Page, *, ignore: tuple[str, ...] = ()) -> None:
    """axe-core finds no WCAG 2 A/AA violation on the page as it stands.

    `ignore` names rules to leave out, each with a reason at the call site."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, options=options)
    violations = [v for v in results.response["violations"] if v["id"] not in ignore]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {node['target']} {node['failureSummary']}" for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"accessibility problems on {page.url}:\n{report}"


def assert_keyboard_reaches(page: Page, locator, *, limit: int = 80) -> None:
    """Pressing Tab from the top of the page focuses `locator` within `limit` presses."""
    target = locator.element_handle()
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", target):
            return
    raise AssertionError(f"{locator} is not reachable with Tab within {limit} presses")


def loaded_width(page: Page, image) -> int:
    """The image's natural width once the browser has finished loading it (0: broken)."""
    page.wait_for_function("(img) => img.complete", arg=image.element_handle())
    return image.evaluate("(img) => img.naturalWidth")


def assert_fits(page: Page, width: int = 375) -> None:
    """Nothing on the page is wider than a phone's screen (no sideways scrolling)."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"
