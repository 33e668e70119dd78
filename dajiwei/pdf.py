"""HTML → PDF with WeasyPrint, for every printed document (architecture.md, "Printed documents").

Templates live under templates/pdf/ and extend pdf/base.html (`<html lang="zh-CN">`, the font
Noto Sans CJK SC). They are rendered like any Django template, so user text is escaped.

The URL fetcher serves only the project's own static files — a URL under STATIC_URL found by the
static-files finders or in STATIC_ROOT, or a file:// path inside those directories — and refuses
everything else (the network, data: URLs, any other file), so a name typed by a user can never
make the server fetch something.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the templates (`{% static %}` gives /static/…) resolve against this origin,
# which the fetcher maps onto the static directories; it is never contacted.
BASE_URL = "https://pdf.dajiwei.invalid/"

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", sans-serif'

BASE_CSS = f"""
@page {{ size: A4; margin: 20mm 18mm 22mm 18mm; }}
html {{ font-family: {FONT_FAMILY}; font-size: 11pt; line-height: 1.55; color: #000; }}
body {{ margin: 0; }}
"""


class RefusedURL(ValueError):
    """A document asked for something outside the project's static files."""


def _static_roots() -> list[Path]:
    roots = [Path(d if isinstance(d, str | Path) else d[1]) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _inside_static(path: Path) -> Path | None:
    resolved = path.resolve()
    for root in _static_roots():
        if resolved.is_relative_to(root) and resolved.is_file():
            return resolved
    return None


def static_path(url: str) -> Path | None:
    """The file a URL stands for when it is one of the project's static files, else None."""
    parts = urlsplit(url)
    if parts.scheme == "file" and not parts.netloc:
        return _inside_static(Path(unquote(parts.path)))
    base = urlsplit(BASE_URL)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return _inside_static(Path(found))
    if settings.STATIC_ROOT:
        return _inside_static(Path(settings.STATIC_ROOT) / relative)
    return None


class StaticOnlyFetcher(URLFetcher):
    """Fetches the project's static files and nothing else."""

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            raise RefusedURL(f"Refused to fetch {url!r}: only the project's static files")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), status=200)


_local = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread (they are not shared between threads), kept warm."""
    if getattr(_local, "fonts", None) is None:
        _local.fonts = FontConfiguration()
    return _local.fonts


def html_to_pdf(html: str) -> bytes:
    """Lay out `html` (a whole document) and return the PDF's bytes."""
    fonts = _font_config()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    base = CSS(string=BASE_CSS, font_config=fonts)
    return document.write_pdf(stylesheets=[base], font_config=fonts)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template under templates/pdf/ to PDF."""
    return html_to_pdf(render_to_string(template_name, context))


# ---------------------------------------------------------------------------------------------
# Many copies of one layout, each with its own number (ballots: 500 sheets in well under 10 s)

NUMBER_SLOT = "number-slot"
_POINTS_PER_PX = 0.75


def _slots(page) -> list[tuple[float, float, float]]:
    """(x, y, font size) in CSS px of each `.number-slot` block on a laid-out page, in order."""
    found, seen = [], set()
    for box in page._page_box.descendants(placeholders=True):
        element = getattr(box, "element", None)
        if element is None or id(element) in seen:
            continue
        if NUMBER_SLOT in (element.get("class") or "").split():
            seen.add(id(element))
            size = box.style["font_size"]
            found.append((box.content_box_x(), box.content_box_y() + size, size))
    return found


def _ref_number(reference: bytes) -> int:
    return int(reference.split()[0])


def numbered_copies(html: str, plan: list[tuple[int, list[int]]]) -> bytes:
    """Lay `html` out once and print its pages many times, each with its own numbers.

    `plan` lists the pages of the result: (index of a template, the numbers to print in its
    `.number-slot` blocks, in document order); the templates are the pages of `html` that hold
    slots, in order (a layout that spills onto another page must not hold one there). The
    layout is drawn once and shared by every copy; a copy adds only a few digits (the PDF base
    font Helvetica, so nothing more is embedded). Layout is what costs in WeasyPrint (~50 ms
    a page); this pays it once.
    """
    import pydyf

    fonts = _font_config()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render(
        stylesheets=[CSS(string=BASE_CSS, font_config=fonts)], font_config=fonts
    )
    laid_out = [(index, _slots(page)) for index, page in enumerate(document.pages)]
    laid_out = [(index, found) for index, found in laid_out if found]
    slots = [found for _index, found in laid_out]
    heights = [document.pages[index].height for index, _found in laid_out]

    def finish(_document, pdf):
        pages = [pdf.objects[_ref_number(ref)] for ref in pdf.page_references]
        templates = [pages[index] for index, _found in laid_out]
        resources = pdf.objects[_ref_number(templates[0]["Resources"])]
        font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/Helvetica"})
        pdf.add_object(font)
        pdf.objects[_ref_number(resources["Font"])]["DJNum"] = font.reference
        save = pydyf.Stream([b"q"])
        pdf.add_object(save)
        pdf.pages["Kids"] = pydyf.Array()
        pdf.pages["Count"] = 0
        for index, numbers in plan:
            template = templates[index]
            stamp = [b"Q"]
            for (x, y, size), number in zip(slots[index], numbers, strict=False):
                left, base = x * _POINTS_PER_PX, (heights[index] - y) * _POINTS_PER_PX
                stamp.append(
                    f"BT /DJNum {size * _POINTS_PER_PX:.2f} Tf {left:.2f} {base:.2f} Td "
                    f"({int(number)}) Tj ET".encode()
                )
            stream = pydyf.Stream(stamp)
            pdf.add_object(stream)
            page = pydyf.Dictionary(dict(template))
            page["Contents"] = pydyf.Array([save.reference, template["Contents"], stream.reference])
            pdf.add_page(page)

    return document.write_pdf(finisher=finish)
