"""Steps 11–12 through the pages: filing, the inboxes' decisions, the founding, the PDFs."""

import pytest
from django.urls import reverse

from elections.models import Filing, FilingState, Stage
from organizations.models import Role
from tests.elections.matrix_rows_filing import counted, filed, opened, recorded
from tests.organizations.web import log_in, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def street_staff(tree, role_user, client):
    return log_in(client, role_user(Role.STREET_STAFF, tree.street))


def decide(client, filing, **data):
    return client.post(reverse("elections:filing", args=[filing.pk]), data)


def test_the_secretary_files_the_result_through_the_page(tree, role_user, client):
    s = counted(tree)
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    url = reverse("elections:result_file", args=[s.election.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    filing = Filing.objects.get(election=s.election)
    assert filing.addressee == tree.street and filing.final_hash
    page = text(client.get(reverse("elections:election_filing", args=[s.election.pk])))
    assert reverse("elections:result_report_pdf", args=[s.election.pk]) in page
    report = client.get(reverse("elections:result_report_pdf", args=[s.election.pk]))
    assert report["Content-Type"] == "application/pdf" and report.content.startswith(b"%PDF")


def test_the_inbox_lists_what_waits_and_the_street_approves(tree, street_staff, role_user):
    s = filed(tree)
    inbox = text(street_staff.get(reverse("elections:inbox", args=[tree.street.pk])))
    assert reverse("elections:filing", args=[s.filing.pk]) in inbox
    page = street_staff.get(reverse("elections:filing", args=[s.filing.pk]))
    assert reverse("elections:filing_report_pdf", args=[s.filing.pk]) in text(page)
    pdf = street_staff.get(reverse("elections:filing_report_pdf", args=[s.filing.pk]))
    assert pdf.content.startswith(b"%PDF")

    response = decide(street_staff, s.filing, decision="approve")
    assert response.status_code == 302
    s.filing.refresh_from_db()
    assert s.filing.state == FilingState.APPROVED
    s.election.refresh_from_db()
    assert s.election.stage == Stage.APPROVED

    district = log_in(type(street_staff)(), role_user(Role.DISTRICT_STAFF, tree.district))
    roster = Filing.objects.get(election=s.election, addressee=tree.district)
    inbox = text(district.get(reverse("elections:inbox", args=[tree.district.pk])))
    assert reverse("elections:filing", args=[roster.pk]) in inbox
    assert decide(district, roster, decision="approve").status_code == 302
    s.election.refresh_from_db()
    assert s.election.stage == Stage.RECORDED


def test_a_return_needs_a_reason_and_a_second_decision_is_refused(tree, street_staff):
    s = filed(tree)
    response = decide(street_staff, s.filing, decision="return", reason="  ")
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    s.filing.refresh_from_db()
    assert s.filing.state == FilingState.WAITING

    response = decide(street_staff, s.filing, decision="return", reason="请补充附件")
    assert response.status_code == 302
    s.filing.refresh_from_db()
    assert (s.filing.state, s.filing.reason) == (FilingState.RETURNED, "请补充附件")
    s.election.refresh_from_db()
    assert s.election.stage == Stage.COUNTED
    page = text(street_staff.get(reverse("elections:inbox", args=[tree.street.pk])))
    assert "请补充附件" in page

    response = decide(street_staff, s.filing, decision="approve")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    s.filing.refresh_from_db()
    assert s.filing.state == FilingState.RETURNED


def test_the_other_streets_staff_gets_404(tree, role_user, client):
    s = filed(tree)
    log_in(client, role_user(Role.STREET_STAFF, tree.other_street))
    for url in (
        reverse("elections:inbox", args=[tree.street.pk]),
        reverse("elections:filing", args=[s.filing.pk]),
        reverse("elections:filing_report_pdf", args=[s.filing.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert decide(client, s.filing, decision="approve").status_code == 404
    s.filing.refresh_from_db()
    assert s.filing.state == FilingState.WAITING


def test_an_inbox_is_only_for_streets_and_the_district(tree, role_user, client):
    log_in(client, role_user(Role.DISTRICT_STAFF, tree.district))
    assert client.get(reverse("elections:inbox", args=[tree.committee.pk])).status_code == 404


def test_the_founding_meeting_and_the_letters(tree, role_user, client):
    s = recorded(tree)
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    url = reverse("elections:founding_record", args=[s.election.pk])
    assert client.post(url, {"held_on": ""}).status_code == 200
    assert client.post(url, {"held_on": "2026-12-01"}).status_code == 302
    s.election.refresh_from_db()
    assert s.election.stage == Stage.FOUNDED
    letters = client.get(reverse("elections:letters_pdf", args=[s.election.pk]))
    assert letters["Content-Type"] == "application/pdf"


def test_the_ballots_download_checks_its_parameters(tree, role_user, client):
    s = opened(tree)
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    url = reverse("elections:ballots_pdf", args=[s.rounds["member"].pk])
    assert client.get(url, {"copies": "x"}).status_code == 400
    assert client.get(url, {"copies": "0"}).status_code == 400
    assert client.get(url, {"per_page": "3"}).status_code == 400
    response = client.get(url, {"copies": "4", "per_page": "2"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    hidden = client.get(reverse("elections:tally_sheet_pdf", args=[s.rounds["member"].pk]))
    assert hidden.status_code == 404
