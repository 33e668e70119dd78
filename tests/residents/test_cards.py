"""Printed contact cards (S6): a CJK font embedded, regenerated when the card changes, a job."""

import datetime
import re
import subprocess
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notices.models import JobRun
from organizations import actions
from organizations.models import PostKind, PostSource, Role
from residents import actions as res_actions
from residents import documents, selectors, tasks
from residents.models import CardBatch
from tests.factories import MemberFactory
from tests.organizations.web import png_bytes


def fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def plain(content: bytes) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated, to search in."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pages(content: bytes) -> int:
    """The page tree's /Count (copies may leave their unused templates in the file)."""
    for tree in re.findall(rb"<<(?:(?!>>).)*?/Type\s*/Pages(?:(?!>>).)*>>", plain(content), re.S):
        found = re.search(rb"/Count\s+(\d+)", tree)
        if found:
            return int(found.group(1))
    return 0


def images(content: bytes) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", plain(content)))


def _households(scene, n):
    for i in range(n):
        actions.household_create(
            actor=None, node=scene.tree.building, address=f"幸福路1号{i + 2}室", people_count=2
        )


def assert_cjk_font_embedded(content, tmp_path):
    embedded = [
        line
        for line in fonts(content, tmp_path).splitlines()
        if "Noto-Sans-CJK" in line.replace(" ", "-") and " yes " in line
    ]
    assert embedded, "an embedded Noto Sans CJK font"


def test_one_card_per_household_four_to_a_sheet(scene, tmp_path):
    _households(scene, 4)  # five households with the scene's: two A4 sheets of four cards
    res_actions.grid_card_update(actor=None, node=scene.tree.grid, service_hours="9:00-17:00")
    batch, made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert made and batch.households == 5
    content = batch.pdf.read()
    assert pages(content) == 2
    rows = tasks.card_rows(selectors.card_people(scene.tree.grid))
    assert rows == [(scene.member.name, scene.post.get_kind_display(), scene.member.phone, "")]


def test_cards_and_poster_embed_a_cjk_font(scene, tmp_path):
    batch, _made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert_cjk_font_embedded(batch.pdf.read(), tmp_path)
    grid = scene.tree.grid
    poster = documents.poster_pdf(
        grid_name=grid.name,
        community="幸福社区",
        people=[("李红", "网格支部书记", "1380", "")],
        hours="",
        url="https://dj.example/",
        map_path=grid.map_image.path,
    )
    assert_cjk_font_embedded(poster, tmp_path)


def test_the_batch_is_regenerated_only_when_the_card_changes(scene):
    first, made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert made
    again, made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert not made and again.fingerprint == first.fingerprint
    res_actions.contact_card_update(actor=None, post=scene.post, duties="负责矛盾调解")
    changed, made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert made and changed.fingerprint != first.fingerprint
    newcomer = MemberFactory(node=scene.tree.building, name="钱新任")
    actions.post_start(
        actor=None,
        node=scene.tree.grid,
        person=newcomer,
        kind=PostKind.GRID_MEMBER,
        source=PostSource.APPOINTED,
        started_on=datetime.date(2026, 9, 1),
        override_reason="试点",
    )
    latest, made = tasks.refresh_cards(scene.tree.grid, base_url="https://dj.example/")
    assert made and latest.fingerprint != changed.fingerprint
    assert CardBatch.objects.filter(node=scene.tree.grid).count() == 1


def test_the_poster_shows_the_map(scene, tmp_path):
    grid = scene.tree.grid
    with_map = documents.poster_pdf(
        grid_name=grid.name,
        community="幸福社区",
        people=[("李红", "网格支部书记", "1380", "")],
        hours="",
        url="https://dj.example/",
        map_path=grid.map_image.path,
    )
    without = documents.poster_pdf(
        grid_name=grid.name,
        community="幸福社区",
        people=[],
        hours="",
        url="https://dj.example/",
        map_path=None,
    )
    assert images(with_map) == 1 and images(without) == 0


def test_staff_edit_the_card_and_run_the_batch_as_a_job(scene, role_user, login, tmp_path):
    office = login(role_user(Role.COMMUNITY_OFFICE, scene.tree.committee))
    grid = scene.tree.grid
    response = office.post(
        reverse("residents:card_edit", args=[grid.pk]), {"service_hours": "周末上午"}
    )
    assert response.status_code == 302
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    response = office.post(
        reverse("residents:contact_card_edit", args=[scene.post.pk]),
        {"duties": "联系群众", "photo": photo},
    )
    assert response.status_code == 302
    assert scene.post.contact_card.duties == "联系群众"
    response = office.post(reverse("residents:cards_start", args=[grid.pk]))
    assert response.status_code == 302
    job = JobRun.objects.get(node=grid, kind=tasks.TASK)
    assert tasks.contact_cards(job_id=job.pk, grid_id=grid.pk, base_url="http://testserver/")
    job.refresh_from_db()
    assert job.status == JobRun.Status.DONE
    download = office.get(job.result_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    page = office.get(reverse("residents:card_edit", args=[grid.pk])).content.decode()
    assert "周末上午" in page and reverse("residents:cards_download", args=[grid.pk]) in page
    poster = office.get(reverse("residents:poster", args=[grid.pk]))
    assert poster.status_code == 200 and poster.content.startswith(b"%PDF")


def test_a_grid_secretary_cannot_edit_the_card(scene, role_user, login):
    grid_secretary = login(role_user(Role.GRID_SECRETARY, scene.tree.grid))
    url = reverse("residents:card_edit", args=[scene.tree.grid.pk])
    assert grid_secretary.get(url).status_code == 403
