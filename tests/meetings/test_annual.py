"""The representatives' annual meeting (M3): anonymous ratings, the minimum, the report."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from meetings import annual, rules, tasks
from meetings.models import AnnualMeeting, Rating, RatingCast
from notices.models import JobRun, Notification
from organizations import actions as org_actions
from organizations.models import PartyMember, PostKind, PostSource
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.postgres


# ---------------------------------------------------------------------------------------------
# Rules


def test_a_result_shows_from_the_minimum_on():
    assert not rules.result_visible(4)
    assert rules.result_visible(5)
    hidden = rules.officer_result({"excellent": 4, "competent": 0, "basic": 0, "incompetent": 0})
    assert hidden == {"total": 4, "shown": False, "counts": None}
    shown = rules.officer_result({"excellent": 3, "competent": 2, "basic": 0, "incompetent": 0})
    assert shown["shown"] and shown["counts"]["competent"] == 2


def test_the_minimum_is_a_setting(settings):
    settings.DAJIWEI_MEETINGS = {**settings.DAJIWEI_MEETINGS, "min_ratings": 8}
    assert not rules.result_visible(7)
    assert rules.result_visible(8)


def test_a_ballot_rates_every_officer_with_one_of_four_grades():
    rules.check_ballot([1, 2], {1: "excellent", 2: "incompetent"})
    with pytest.raises(ValidationError):
        rules.check_ballot([1, 2], {1: "excellent"})
    with pytest.raises(ValidationError):
        rules.check_ballot([1], {1: "great"})


def test_the_work_report_file_is_a_pdf_or_docx_by_content_and_size(settings):
    rules.check_report_file("报告.pdf", 1000, b"%PDF-1.7")
    rules.check_report_file("report.DOCX", 1000, b"PK\x03\x04\x14\x00")
    with pytest.raises(ValidationError):
        rules.check_report_file("report.pdf", 1000, b"MZ\x90\x00")  # renamed executable
    with pytest.raises(ValidationError):
        rules.check_report_file("report.exe", 1000, b"%PDF-1.7")
    limit = settings.DAJIWEI_MEETINGS["report_max_mb"] * 1024 * 1024
    rules.check_report_file("report.pdf", limit, b"%PDF-1.7")
    with pytest.raises(ValidationError):
        rules.check_report_file("report.pdf", limit + 1, b"%PDF-1.7")


def test_reminder_window_at_its_edges():
    now = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC)
    assert rules.reminder_window(now + datetime.timedelta(hours=24), now, hours=24)
    assert not rules.reminder_window(now + datetime.timedelta(hours=24, minutes=1), now, 24)
    assert not rules.reminder_window(now, now, hours=24)  # already started


def test_the_rating_opens_then_closes_and_never_goes_back():
    rules.check_annual_transition("scheduled", "rating")
    rules.check_annual_transition("rating", "closed")
    for current, target in [("closed", "rating"), ("scheduled", "closed"), ("rating", "scheduled")]:
        with pytest.raises(ValidationError):
            rules.check_annual_transition(current, target)


# ---------------------------------------------------------------------------------------------
# Anonymity by design


def _columns(table):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
        relations = connection.introspection.get_relations(cursor, table)
    return description, relations


def test_ratings_table_has_no_rater_and_no_time(db):
    description, relations = _columns(Rating._meta.db_table)
    targets = {table for _column, table in relations.values()}
    people = {PartyMember._meta.db_table, UserFactory._meta.model._meta.db_table}
    assert not targets & people
    assert targets <= {AnnualMeeting._meta.db_table, "meetings_officerreport"}
    types = {connection.introspection.get_field_type(c.type_code, c) for c in description}
    assert not types & {"DateTimeField", "DateField", "TimeField"}
    assert {c.name for c in description} == {"id", "meeting_id", "officer_id", "grade"}


def test_casts_table_says_who_but_not_what_or_when(db):
    description, relations = _columns(RatingCast._meta.db_table)
    assert {c.name for c in description} == {"id", "meeting_id", "representative_id"}
    assert "meetings_rating" not in {table for _c, table in relations.values()}


# ---------------------------------------------------------------------------------------------
# The meeting


def officers_of(tree, kinds=(PostKind.SECRETARY, PostKind.PARTTIME_MEMBER)):
    people = []
    for i, kind in enumerate(kinds):
        person = MemberFactory(node=tree.building, name=f"委员{i}")
        org_actions.post_start(
            actor=None,
            node=tree.committee,
            person=person,
            kind=kind,
            source=PostSource.ELECTED,
            started_on=datetime.date(2024, 1, 1),
            override_reason="试点",
        )
        people.append(person)
    return people


def representatives_of(tree, n):
    return [
        MemberFactory(node=tree.building, name=f"代表{i}", user=UserFactory()) for i in range(n)
    ]


def schedule(tree, year=2026, date=datetime.date(2026, 12, 20)):
    return annual.annual_meeting_schedule(
        actor=None,
        committee=tree.committee,
        year=year,
        date=date,
        start_time=datetime.time(14),
        place="社区党群服务中心",
    )


@pytest.fixture
def held(tree):
    """A meeting with two officers, six representatives, rating open."""
    officers = officers_of(tree)
    reps = representatives_of(tree, 6)
    meeting = schedule(tree)
    annual.representatives_set(actor=None, meeting=meeting, members=reps)
    annual.rating_open(actor=None, meeting=meeting)
    meeting.refresh_from_db()
    return meeting, officers, reps


def ballot(meeting, grade="excellent"):
    return {pk: grade for pk in meeting.officers.values_list("pk", flat=True)}


def test_one_meeting_per_committee_a_year_with_its_officers_in_post(tree):
    officers_of(tree, kinds=(PostKind.SECRETARY, PostKind.FULLTIME_DEPUTY, PostKind.OFFICE_HEAD))
    meeting = schedule(tree)
    assert [o.post_kind for o in meeting.officers.all()] == [
        PostKind.SECRETARY,
        PostKind.FULLTIME_DEPUTY,
    ]  # the office head is not an officer of the committee
    with pytest.raises(ValidationError):
        schedule(tree)
    with pytest.raises(ValidationError):
        annual.annual_meeting_schedule(
            actor=None,
            committee=tree.grid,
            year=2027,
            date=datetime.date(2027, 1, 5),
            start_time=datetime.time(9),
            place="x",
        )


def test_representatives_are_told_once_and_must_be_of_the_community(tree):
    officers_of(tree)
    reps = representatives_of(tree, 2)
    stranger = MemberFactory(node=tree.other_building, user=UserFactory())
    meeting = schedule(tree)
    annual.representatives_set(actor=None, meeting=meeting, members=[*reps, stranger])
    assert set(meeting.representatives.values_list("member_id", flat=True)) == {r.pk for r in reps}
    annual.representatives_set(actor=None, meeting=meeting, members=reps)
    keys = Notification.objects.filter(key__startswith=f"annual-meeting:{meeting.pk}:announce")
    assert keys.count() == 2
    for _twice in range(2):
        annual.annual_meeting_update(
            actor=None, meeting=meeting, date=datetime.date(2026, 12, 27), work_report="x"
        )
    changed = Notification.objects.filter(key__startswith=f"annual-meeting:{meeting.pk}:changed")
    assert changed.count() == 2
    annual.annual_meeting_update(actor=None, meeting=meeting, work_report="y")
    assert Notification.objects.filter(key__contains=f"annual-meeting:{meeting.pk}:").count() == 4
    assert not Notification.objects.filter(user=stranger.user).exists()


def test_a_representative_rates_once_on_the_phone_page(held, login):
    meeting, _officers, reps = held
    client = login(reps[0].user)
    url = reverse("meetings:annual_rate", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'type="radio"' in page.content
    data = {f"officer-{pk}": grade for pk, grade in ballot(meeting, "competent").items()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 200  # shown again, with the error
    assert RatingCast.objects.filter(meeting=meeting).count() == 1
    assert Rating.objects.filter(meeting=meeting).count() == 2


def test_a_representative_without_any_role_reaches_the_ballot(held, login):
    # The representatives have logins but no role on the committee: being invited is enough.
    meeting, _officers, reps = held
    assert (
        login(reps[1].user).get(reverse("meetings:annual_rate", args=[meeting.pk])).status_code
        == 200
    )
    outsider = MemberFactory(node=meeting.committee.get_children()[0], user=UserFactory())
    response = login(outsider.user).get(reverse("meetings:annual_rate", args=[meeting.pk]))
    assert response.status_code == 404


def test_closing_rewrites_the_ratings_in_one_transaction_keeping_the_counts(held):
    meeting, _officers, reps = held
    grades = ["excellent", "competent", "basic", "incompetent", "basic"]
    for rep, grade in zip(reps[:5], grades, strict=True):
        annual.rate(user=rep.user, meeting=meeting, grades=ballot(meeting, grade))
    before = {r["officer"].pk: r["result"]["total"] for r in annual.officers_with_results(meeting)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM meetings_rating")
        assert cursor.fetchone()[0] == 5  # one transaction per ballot while the rating is open
    annual.rating_close(actor=None, meeting=meeting)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM meetings_rating")
        assert cursor.fetchone()[0] == 1
    rows = annual.officers_with_results(meeting)
    assert {r["officer"].pk: r["result"]["total"] for r in rows} == before
    assert rows[0]["result"]["counts"] == {
        "excellent": 1,
        "competent": 1,
        "basic": 2,
        "incompetent": 1,
    }


def test_a_second_ballot_fails_on_the_unique_cast(held):
    meeting, _officers, reps = held
    RatingCast.objects.create(meeting=meeting, representative=reps[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingCast.objects.create(meeting=meeting, representative=reps[0])


def test_only_representatives_rate_and_only_while_open(held, tree):
    meeting, officers, reps = held
    with pytest.raises(ValidationError):
        annual.rate(user=UserFactory(), meeting=meeting, grades=ballot(meeting))
    with pytest.raises(ValidationError):
        annual.rate(user=reps[0].user, meeting=meeting, grades={})  # incomplete
    annual.rating_close(actor=None, meeting=meeting)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        annual.rate(user=reps[0].user, meeting=meeting, grades=ballot(meeting))


def test_counts_show_from_five_ratings_on_the_page(held, tree, secretary, login):
    meeting, officers, reps = held
    for rep in reps[:4]:
        annual.rate(user=rep.user, meeting=meeting, grades=ballot(meeting, "basic"))
    annual.rating_close(actor=None, meeting=meeting)
    rows = annual.officers_with_results(meeting)
    assert [r["result"]["shown"] for r in rows] == [False, False]
    page = login(secretary).get(meeting.get_absolute_url()).content.decode()
    assert "评议数太少，不予显示（4份）" in page

    other = schedule(tree, year=2027, date=datetime.date(2027, 12, 20))
    annual.representatives_set(actor=None, meeting=other, members=reps)
    annual.rating_open(actor=None, meeting=other)
    other.refresh_from_db()
    for rep in reps[:5]:
        annual.rate(user=rep.user, meeting=other, grades=ballot(other, "basic"))
    annual.rating_close(actor=None, meeting=other)
    rows = annual.officers_with_results(other)
    assert [r["result"]["counts"]["basic"] for r in rows] == [5, 5]


def test_the_annual_page_has_a_query_budget(held, secretary, login, django_assert_max_num_queries):
    meeting, _officers, reps = held
    for rep in reps:
        annual.rate(user=rep.user, meeting=meeting, grades=ballot(meeting))
    client = login(secretary)
    client.get(meeting.get_absolute_url())
    with django_assert_max_num_queries(12):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200


def test_the_work_report_attachment_is_checked(held, secretary, login):
    meeting, _officers, _reps = held
    client = login(secretary)
    url = reverse("meetings:annual_edit", args=[meeting.pk])
    base = {"date": "2026-12-20", "start_time": "14:00", "place": "会议室", "work_report": "一年来"}
    bad = SimpleUploadedFile("report.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(url, {**base, "work_report_file": bad})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.work_report_file
    good = SimpleUploadedFile("report.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    assert client.post(url, {**base, "work_report_file": good}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.work_report == "一年来" and meeting.work_report_file
    download = client.get(reverse("meetings:annual_work_report", args=[meeting.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


# ---------------------------------------------------------------------------------------------
# The 述职评议 report


def _fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_the_report_is_a_job_with_an_embedded_cjk_font(held, secretary, login, tmp_path):
    meeting, _officers, reps = held
    for rep in reps[:5]:
        annual.rate(user=rep.user, meeting=meeting, grades=ballot(meeting))
    annual.rating_close(actor=None, meeting=meeting)
    client = login(secretary)
    assert (
        client.post(reverse("meetings:annual_report_start", args=[meeting.pk])).status_code == 302
    )
    job = JobRun.objects.get(node=meeting.committee, kind=tasks.ANNUAL_REPORT)
    assert tasks.annual_report(job_id=job.pk, meeting_id=meeting.pk)
    job.refresh_from_db()
    assert job.status == JobRun.Status.DONE
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'class="job-progress"' in page
    download = client.get(job.result_url)
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    fonts = _fonts(content, tmp_path)
    assert "NotoSansCJK" in fonts.replace(" ", "") or "CJK" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())


def test_the_report_hides_counts_below_the_minimum(held):
    meeting, _officers, reps = held
    for rep in reps[:4]:
        annual.rate(user=rep.user, meeting=meeting, grades=ballot(meeting))
    context = annual.report_context(meeting)
    assert [o["shown"] for o in context["officers"]] == [False, False]
    assert all(o["counts"] == [] for o in context["officers"])


def test_the_yearly_run_is_idempotent(held):
    meeting, _officers, _reps = held
    assert tasks.annual_reports(year=2026) == 1
    job = JobRun.objects.get(kind=tasks.ANNUAL_REPORT)
    assert job.actor is None
    tasks.annual_report(job_id=job.pk, meeting_id=meeting.pk)
    assert tasks.annual_reports(year=2026) == 0
    assert tasks.annual_reports(year=2025) == 0
    # a task delivered twice does its work once
    assert not tasks.annual_report(job_id=job.pk, meeting_id=meeting.pk)


# ---------------------------------------------------------------------------------------------
# Reminders before meetings


def test_reminders_reach_participants_once_within_the_window(tree):
    from django.utils import timezone

    from meetings import actions

    starts = timezone.localtime() + datetime.timedelta(hours=3)
    invitee = MemberFactory(node=tree.building, user=UserFactory())
    officers = officers_of(tree)
    for officer in officers:
        officer.user = UserFactory()
        officer.save()
    soon, at = starts.date(), starts.time().replace(second=0, microsecond=0)
    day = actions.theme_day_create(
        actor=None,
        committee=tree.committee,
        topic="学习",
        form="lecture",
        date=soon,
        start_time=at,
        place="中心",
    )
    actions.invite(actor=None, theme_day=day, member=invitee)
    actions.committee_meeting_create(
        actor=None,
        committee=tree.committee,
        kind="regular",
        date=soon,
        start_time=at,
        place="会议室",
        agenda="学习文件",
    )
    later = actions.theme_day_create(
        actor=None,
        committee=tree.committee,
        topic="晚些",
        form="lecture",
        date=soon + datetime.timedelta(days=3),
        start_time=datetime.time(9, 0),
        place="中心",
    )
    sent = tasks.remind_upcoming()
    assert Notification.objects.filter(user=invitee.user, key__startswith="theme-day-reminder")
    assert not Notification.objects.filter(key=f"theme-day-reminder:{later.pk}:{invitee.pk}")
    assert Notification.objects.filter(key__startswith="committee-meeting-reminder").count() == 2
    assert sent >= 3
    assert tasks.remind_upcoming() == 0


def test_the_schedule_names_the_meeting_tasks(settings):
    from celery import current_app

    import meetings.tasks  # noqa: F401  (registers the tasks)

    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for task in ("meetings.remind_upcoming", "meetings.annual_reports"):
        assert task in names and task in current_app.tasks
    assert tasks.ANNUAL_REPORT in current_app.tasks
