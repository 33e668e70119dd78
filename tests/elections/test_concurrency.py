"""Concurrent double votes on PostgreSQL: one code, many simultaneous casts, exactly one ballot."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from elections import actions
from elections.models import Ballot, Category, Participation
from tests.elections.builders import to_meeting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_casts_with_one_code_store_one_ballot(scene):
    to_meeting(scene)
    rounds = {r.category: r for r in actions.meeting_open(actor=None, election=scene.election)}
    round_ = rounds[Category.PARTTIME_DEPUTY]
    entry = scene.election.roll.filter(checked_in=True).first()
    code = actions.vote_code_issue(actor=None, round_=round_, entry=entry)
    marks = [str(scene.deputies[0].pk)]
    start = threading.Barrier(8)
    outcomes = []

    def cast():
        try:
            start.wait()
            actions.vote_cast(round_id=round_.pk, code=code, marks=marks)
            outcomes.append("stored")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=cast) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["stored"]
    assert Ballot.objects.filter(round=round_).count() == 1
    assert Participation.objects.filter(round=round_).count() == 1


def test_two_simultaneous_approvals_of_one_filing_decide_it_once(scene):
    """docs/security.md, races: two street staff press 批准 on the same filing at once."""
    from elections.models import Filing, FilingKind, Stage
    from tests.elections.test_flow import counted

    counted(scene)
    filing = actions.result_file(actor=None, election=scene.election)
    start = threading.Barrier(4)
    outcomes = []

    def approve():
        try:
            start.wait()
            actions.filing_decide(actor=None, filing=filing, approve=True)
            outcomes.append("decided")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["decided"] + ["refused"] * 3
    assert Filing.objects.filter(election=scene.election, kind=FilingKind.ROSTER).count() == 1
    scene.election.refresh_from_db()
    assert scene.election.stage == Stage.APPROVED
