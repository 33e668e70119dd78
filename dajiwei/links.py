"""Links for pages that print many of them."""

from django.urls import reverse

_SENTINEL = 2147483647


def url_formatter(name: str):
    """reverse() once, then str.format per object: `url_formatter("app:detail")(pk)`.

    For a URL taking one integer argument. Tables that link every row or cell (the compliance
    board's 1,200 cells, a roster's 50 rows) would otherwise spend more time in reverse() than
    in the rest of the page.
    """
    return reverse(name, args=[_SENTINEL]).replace(str(_SENTINEL), "{}", 1).format
