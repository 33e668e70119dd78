"""The batch of printed contact cards of a grid, run as a notices job.

The batch is stored with a fingerprint of what it prints (the responsible persons and their
card data, the service hours, the number of households); asking again regenerates it only
when the fingerprint differs.
"""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from organizations.models import OrgNode

from . import actions, documents, selectors
from .models import CardBatch

TASK = "residents.contact_cards"


def card_rows(people: list) -> list[tuple[str, str, str, str]]:
    rows = []
    for post in people:
        card = getattr(post, "contact_card", None)
        rows.append(
            (
                post.person.name,
                post.get_kind_display(),
                post.person.phone,
                card.duties if card else "",
            )
        )
    return rows


def public_url(grid: OrgNode, base_url: str) -> str:
    base = selectors.config("public_base_url") or base_url
    return base.rstrip("/") + reverse("organizations:public_grid", args=[grid.public_id])


def refresh_cards(grid: OrgNode, *, base_url: str) -> tuple[CardBatch, bool]:
    """The grid's current batch; (batch, True) when it had to be (re)generated."""
    grid = OrgNode.objects.select_related("parent").get(pk=grid.pk)
    people = selectors.card_people(grid)
    hours = selectors.service_hours(grid)
    households = selectors.grid_households(grid).count()
    fingerprint = selectors.card_fingerprint(grid, people, hours, households)
    batch = CardBatch.objects.filter(node=grid).first()
    if batch is not None and batch.fingerprint == fingerprint and batch.pdf:
        return batch, False
    pdf = documents.cards_pdf(
        grid_name=grid.name,
        community=grid.parent.name if grid.parent else "",
        people=card_rows(people),
        hours=hours,
        url=public_url(grid, base_url),
        copies=households,
    )
    return (
        actions.card_batch_store(
            node=grid, fingerprint=fingerprint, pdf=pdf, households=households
        ),
        True,
    )


@shared_task(name=TASK)
def contact_cards(*, job_id: int, grid_id: int, base_url: str = "") -> bool:
    from notices.api import claim_job

    job = claim_job(job_id)
    if job is None:
        return False
    try:
        job.advance(done=0, total=1)
        grid = OrgNode.objects.get(pk=grid_id)
        refresh_cards(grid, base_url=base_url)
        job.finish(url=reverse("residents:cards_download", args=[grid.pk]))
    except Exception as error:  # the page shows the failure; the log keeps the trace
        job.fail(str(error)[:500])
        raise
    return True
