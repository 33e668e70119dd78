"""F1 on PostgreSQL: two spends at the same moment that together overdraw — exactly one passes."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from services import actions
from services.models import FundSpend
from tests.services.builders import DAY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_spends_cannot_overdraw(tree, settings):
    settings.DAJIWEI_SERVICES = {**settings.DAJIWEI_SERVICES, "yearly_funds_yuan": 1000}
    committee = tree.committee
    actions.fund_for(committee, DAY.year)  # the row both spends lock
    start = threading.Barrier(2)
    outcomes = []

    def spend():
        try:
            start.wait()
            actions.spend_record(
                actor=None, committee=committee, amount_fen=600_00, purpose="活动", spent_on=DAY
            )
            outcomes.append("stored")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=spend) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "stored"]
    assert FundSpend.objects.count() == 1
