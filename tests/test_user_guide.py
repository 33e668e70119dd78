"""The user guide's pictures: each one a chapter shows exists, and each one in img/ is shown.

`make screenshots` writes them from the browser journeys (tests/e2e); a renamed step leaves
either a broken picture in a chapter or a stale file in img/, and this test names it."""

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "user-guide"
PICTURE = re.compile(r"!\[[^\]]*\]\((img/[^)\s]+)\)")


def _shown() -> dict[str, str]:
    return {
        link: chapter.name
        for chapter in sorted(GUIDE.glob("*.md"))
        for link in PICTURE.findall(chapter.read_text(encoding="utf-8"))
    }


def test_every_picture_a_chapter_shows_exists():
    missing = {link: chapter for link, chapter in _shown().items() if not (GUIDE / link).is_file()}
    assert not missing, f"chapters show pictures that are not in docs/user-guide/img: {missing}"


def test_every_picture_in_img_is_shown_somewhere():
    files = {f"img/{p.name}" for p in (GUIDE / "img").glob("*.png")}
    unused = sorted(files - set(_shown()))
    assert not unused, f"pictures no chapter shows (remove them or show them): {unused}"


def test_every_picture_has_a_description():
    for chapter in GUIDE.glob("*.md"):
        for alt in re.findall(r"!\[([^\]]*)\]\(img/", chapter.read_text(encoding="utf-8")):
            assert alt.strip(), f"{chapter.name}: a picture without a description (alt text)"
