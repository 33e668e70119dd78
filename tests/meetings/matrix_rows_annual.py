"""Permission-matrix rows for the representatives' annual meeting (M3)."""

import datetime

from django.core.files.base import ContentFile

from meetings import annual
from tests.matrix import REDIRECT, Row, on


def meeting(s):
    return annual.annual_meeting_schedule(
        actor=None,
        committee=s.tree.committee,
        year=2026,
        date=datetime.date(2026, 12, 20),
        start_time=datetime.time(14),
        place="社区党群服务中心",
    )


def annual_meeting(s):
    return {"pk": meeting(s).pk}


def with_files(s):
    record = meeting(s)
    record.work_report_file.save("r.pdf", ContentFile(b"%PDF-1.4 report"), save=False)
    record.report_pdf.save("a.pdf", ContentFile(b"%PDF-1.4 review"), save=False)
    record.save()
    return {"pk": record.pk}


def officer(s):
    record = meeting(s)
    return {"pk": record.officers.create(officer=s.member, post_kind="secretary").pk}


POSTED = {"method": "post", "allowed": REDIRECT}

ROWS = {
    "meetings:annual_list": Row(on("committee"), lacking=200),
    "meetings:annual_create": Row(on("committee")),
    "meetings:annual": Row(annual_meeting, lacking=200),
    "meetings:annual_edit": Row(annual_meeting),
    "meetings:annual_representatives": Row(annual_meeting),
    "meetings:annual_open": Row(annual_meeting, **POSTED),
    "meetings:annual_close": Row(annual_meeting, **POSTED),
    "meetings:annual_report_start": Row(annual_meeting, **POSTED),
    # Anyone who may see the meeting gets the page; only a representative's ballot counts.
    "meetings:annual_rate": Row(annual_meeting, lacking=200),
    "meetings:annual_work_report": Row(with_files, lacking=200),
    "meetings:annual_pdf": Row(with_files, lacking=200),
    "meetings:annual_duty_report": Row(officer),
}
