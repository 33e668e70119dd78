"""Uploads are stored outside the static files and reach a browser only through a view that
checks access (docs/security.md): nothing serves MEDIA_ROOT directly, and no page links to a
stored file's own URL."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import FileField
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]


def _patterns(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def _file_fields() -> list[tuple[str, str]]:
    return [
        (model._meta.label, field.name)
        for model in apps.get_models()
        if model.__module__.split(".")[0] in {p.parent.name for p in ROOT.glob("*/apps.py")}
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]


def test_the_project_has_uploads_to_check():
    assert len(_file_fields()) >= 5, _file_fields()


def test_no_url_serves_the_media_folder():
    media = settings.MEDIA_URL.strip("/")
    for pattern in _patterns():
        assert pattern.callback.__module__ != "django.views.static", str(pattern.pattern)
        assert not str(pattern.pattern).lstrip("^").startswith(media), str(pattern.pattern)


def test_media_is_outside_the_static_files():
    media = Path(settings.MEDIA_ROOT).resolve()
    for static in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        static = Path(static).resolve()
        assert not media.is_relative_to(static) and not static.is_relative_to(media)


def test_no_page_links_to_a_stored_files_own_url():
    """A file field's .url would bypass the access-checked views that serve uploads."""
    names = "|".join(sorted({name for _model, name in _file_fields()}))
    direct = re.compile(rf"\.({names})\.url\b")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if direct.search(path.read_text())
    ]
    assert found == []


def test_no_printed_document_shows_an_id_number_or_a_members_phone():
    """PDFs are handed around on paper: none prints an ID number; the only phones printed are
    the responsible persons' on the grid's public card and poster (S6), which are public, and a
    unit's liaison phone on the agreement the unit signs."""
    public_card = {"residents/cards.html", "residents/poster.html"}
    pdf = ROOT / "templates" / "pdf"
    for path in pdf.rglob("*.html"):
        source = path.read_text()
        assert "resident_id" not in source, path
        if str(path.relative_to(pdf)) not in public_card:
            assert not re.search(r"phone", source.replace("unit.contact_phone", "")), path
