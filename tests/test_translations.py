"""Every UI string has its Chinese in locale/zh_Hans, and the compiled catalogue is current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# Every app of the project (a folder with an apps.py), so a new app cannot be forgotten here.
APPS = tuple(sorted(p.parent.name for p in ROOT.glob("*/apps.py")))
SOURCES = (*APPS, "dajiwei", "templates", "manage.py", "locale")


def _entries(path):
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def test_every_message_is_translated():
    untranslated = [
        msgid
        for msgid, e in _entries(PO).items()
        if "fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values()))
    ]
    assert untranslated == []


def test_the_catalogue_lists_every_string_of_the_source(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "dajiwei.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    extracted = set(_entries(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    committed = set(_entries(PO))
    assert sorted(extracted - committed) == [], "run `make messages` and translate the new strings"


def test_the_compiled_catalogue_matches(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("needs gettext's msgfmt")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(PO)], check=True)
    assert {e.msgid: e.msgstr for e in polib.mofile(str(compiled))} == {
        e.msgid: e.msgstr for e in polib.mofile(str(MO))
    }
