"""The election's PDFs: Chinese text (pdftotext), an embedded CJK font (pdffonts), B9 order."""

import subprocess

import pytest
from django.utils import timezone

from dajiwei import pdf
from elections import actions, documents
from elections.models import Category
from tests.elections.matrix_rows_filing import filed, founded, opened
from tests.elections.matrix_rows_filing import kiosk_votes as vote

pytestmark = pytest.mark.django_db

# Surnames in B9 order: 王 4 strokes, 刘 6, 李 7 (横 first), 张 7 (折 first), 欧 8, 黄 11.
IN_STROKE_ORDER = ["王芳", "刘洋", "李强", "张伟", "欧阳晓", "黄丽"]


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[-1])


def assert_cjk_font_embedded(content, tmp_path):
    embedded = [
        line
        for line in pdf_fonts(content, tmp_path).splitlines()
        if "Noto-Sans-CJK" in line.replace(" ", "-") and " yes " in line
    ]
    assert embedded, "an embedded Noto Sans CJK font"


def rename(nominations, names):
    for nomination, name in zip(nominations, names, strict=True):
        nomination.nominee.name = name
        nomination.nominee.save(update_fields=["name"])


def test_ballots_list_candidates_in_stroke_order_with_numbered_sheets(tree, tmp_path):
    s = opened(tree)
    rename(s.candidates, list(reversed(IN_STROKE_ORDER)))
    content = documents.render_ballots(s.rounds[Category.MEMBER], copies=3)
    text = pdf_text(content, tmp_path)
    assert "幸福社区“大党委”委员选票" in text
    assert "候选人6名，应选3名，赞成不超过3名有效，超过无效" in text
    assert "另选他人" in text and "弃权" in text
    first_ballot = text.split("\f")[0]
    positions = [first_ballot.index(name) for name in IN_STROKE_ORDER]
    assert positions == sorted(positions), "candidates by surname stroke order (B9)"
    for number in (1, 2, 3):
        assert f"编号：{number}" in text.replace(" ", "")
    assert pages(content, tmp_path) == 3
    assert_cjk_font_embedded(content, tmp_path)


def test_two_ballots_per_page_and_the_deputies_title(tree, tmp_path):
    s = opened(tree)
    content = documents.render_ballots(s.rounds[Category.PARTTIME_DEPUTY], copies=5, per_page=2)
    text = pdf_text(content, tmp_path)
    assert pages(content, tmp_path) == 3
    assert text.count("社区“大党委”兼职副书记选票") == 5
    assert "编号：5" in text.replace(" ", "")


def test_user_text_is_printed_as_text_not_markup(tree, tmp_path):
    s = opened(tree)
    rename(s.candidates[:1], ["<b>王芳</b>"])
    text = pdf_text(documents.render_ballots(s.rounds[Category.MEMBER], copies=1), tmp_path)
    assert "<b>王芳</b>" in text


def test_the_tally_sheet_shows_the_count_only_after_sign_off(tree, tmp_path):
    s = opened(tree)
    round_ = s.rounds[Category.MEMBER]
    vote(s, round_, s.candidates[:3])
    actions.round_close(actor=None, round_=round_)
    with pytest.raises(documents.NotAvailable):
        documents.render_tally_sheet(round_)
    actions.round_sign_off(actor=s.chief, round_=round_)
    round_.refresh_from_db()
    content = documents.render_tally_sheet(round_)
    text = pdf_text(content, tmp_path)
    assert "委员选举计票单" in text
    for label in (
        "应到会人数",
        "实到会人数",
        "发出选票",
        "收回选票",
        "有效票",
        "废票",
        "监票人",
        "计票人",
    ):
        assert label in text
    assert s.candidates[0].nominee.name in text and "当选" in text
    assert_cjk_font_embedded(content, tmp_path)


def test_the_result_report_carries_the_final_hash(tree, tmp_path):
    s = filed(tree)
    content = documents.render_result_report(s.filing)
    text = pdf_text(content, tmp_path)
    flat = "".join(text.split())
    assert "关于选举产生幸福社区“大党委”兼职副书记、委员的报告" in flat
    assert f"幸福社区大党委〔{timezone.localdate().year}〕1号" in flat
    assert "中共东城街道工作委员会：" in flat
    assert "特此报告" in flat and "应到会" in flat and "实到会" in flat and "请假" in flat
    assert s.filing.final_hash and s.filing.final_hash in flat
    for nomination in s.deputies[:2] + s.candidates[:3]:
        assert nomination.nominee.name in flat
    assert "当选人名册" in flat
    assert_cjk_font_embedded(content, tmp_path)


def test_one_appointment_letter_per_member_with_the_term(tree, tmp_path):
    s = founded(tree)
    content = documents.render_letters(s.election)
    assert pages(content, tmp_path) == len(s.posts) == 6
    flat = "".join(pdf_text(content, tmp_path).split())
    elected = s.candidates[0].nominee.name
    assert f"兹聘请{elected}同志为幸福社区“大党委”兼职委员" in flat
    assert f"兹聘请{s.deputies[0].nominee.name}同志为幸福社区“大党委”兼职副书记" in flat
    assert "聘期自2026年12月1日至2031年11月30日" in flat
    assert "特此聘任" in flat and "幸福社区大党委聘〔2026〕1号" in flat
    assert_cjk_font_embedded(content, tmp_path)


def test_the_fetcher_serves_only_the_projects_static_files(settings, tmp_path):
    assert pdf.static_path(pdf.BASE_URL + "static/css/site.css") is not None
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for url in (
        "https://example.com/evil.css",
        "http://127.0.0.1:8000/static/css/site.css",
        f"file://{secret}",
        "file:///etc/passwd",
        pdf.BASE_URL + "static/../dajiwei/settings.py",
        pdf.BASE_URL + "media/removal-notices/x.pdf",
        "data:text/css,body{}",
    ):
        assert pdf.static_path(url) is None, url
        with pytest.raises(pdf.RefusedURL):
            pdf.StaticOnlyFetcher().fetch(url)
