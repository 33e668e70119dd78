"""Reads of election data for pages and documents."""

from __future__ import annotations

from elections.models import CATEGORY_POST, Election, RemovalState, Round, RoundState, Stage
from organizations.models import OrgNode, Post

# A count shows only after the chief scrutineer has signed it off (architecture.md).
_RESULT_SHOWN = (RoundState.SIGNED_OFF, RoundState.VOID)


def round_result(round_: Round) -> dict | None:
    """The round's count, or None while it is still hidden from everyone."""
    return round_.result if round_.state in _RESULT_SHOWN else None


def vacancies(committee: OrgNode):
    """Part-time seats left by the route of 二(六) and not yet refilled by a founded by-election."""
    refilled = Election.objects.filter(
        committee=committee, stage=Stage.FOUNDED, vacancy__isnull=False
    ).values("vacancy_id")
    return (
        Post.objects.filter(
            node=committee,
            kind__in=CATEGORY_POST.values(),
            ended_on__isnull=False,
            removals__state=RemovalState.DONE,
        )
        .exclude(pk__in=refilled)
        .select_related("person")
        .distinct()
    )
