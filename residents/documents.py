"""Printed contact cards (one per household, with the grid's QR code) and the grid poster.

Both go through dajiwei/pdf.py. The cards are laid out once and stamped with a serial number
per copy (pdf.numbered_copies), four to an A4 sheet. The poster shows the grid's map: the
fetcher lets through that one uploaded file besides the project's static files.
"""

from __future__ import annotations

from pathlib import Path

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcherResponse

from dajiwei import pdf

CARDS_PER_PAGE = 4


def qr_svg(url: str) -> str:
    # segno writes the SVG itself from the URL; nothing user-typed goes into it unescaped.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=1, title=None))  # noqa: S308


def cards_pdf(*, grid_name: str, community: str, people: list, hours: str, url: str, copies: int):
    """`people`: (name, post, phone, duties) tuples; `copies`: the grid's households."""
    copies = max(copies, 1)
    full, tail = divmod(copies, CARDS_PER_PAGE)
    layouts = [CARDS_PER_PAGE] * bool(full) + [tail] * bool(tail)
    html = render_to_string(
        "pdf/residents/cards.html",
        {
            "grid_name": grid_name,
            "community": community,
            "people": people,
            "hours": hours,
            "url": url,
            "qr": qr_svg(url),
            "pages": [range(n) for n in layouts],
        },
    )
    serials = list(range(1, copies + 1))
    plan = [
        (0, serials[i : i + CARDS_PER_PAGE])
        for i in range(0, full * CARDS_PER_PAGE, CARDS_PER_PAGE)
    ]
    if tail:
        plan.append((len(layouts) - 1, serials[full * CARDS_PER_PAGE :]))
    return pdf.numbered_copies(html, plan)


class _MapFetcher(pdf.StaticOnlyFetcher):
    """Static files, plus exactly the files named when it was made (the grid's map)."""

    def __init__(self, allowed: list[Path], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = {p.resolve() for p in allowed}

    def fetch(self, url, headers=None):
        for path in self.allowed:
            if url == path.as_uri():
                return URLFetcherResponse(url, path.read_bytes(), status=200)
        return super().fetch(url, headers)


def poster_pdf(*, grid_name: str, community: str, people: list, hours: str, url: str, map_path):
    """The grid poster: name, map, responsible persons, service hours and the QR code."""
    map_path = Path(map_path) if map_path else None
    if map_path is not None and not map_path.is_file():
        map_path = None
    html = render_to_string(
        "pdf/residents/poster.html",
        {
            "grid_name": grid_name,
            "community": community,
            "people": people,
            "hours": hours,
            "url": url,
            "qr": qr_svg(url),
            "map_uri": map_path.resolve().as_uri() if map_path else "",
        },
    )
    fonts = pdf._font_config()
    fetcher = _MapFetcher([map_path] if map_path else [])
    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[CSS(string=pdf.BASE_CSS, font_config=fonts)], font_config=fonts
    )
