"""The deadline tracker (issue 6): what falls due in a scope, most urgent first.

Five queries whatever the number of rows or communities, one per kind of item: committee
terms (founded on the earliest start of the active posts that came by direct entry or
election; user guide chapter 18), filings waiting for a decision, publicity periods ending,
this year's agreements not yet signed, and unfinished agreement projects. Each query keeps to
the page's node and its subtree, and to the user's scope (organizations.access.scope_q).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import Filing, FilingState, Publicity
from organizations import access
from organizations import rules as org_rules
from organizations.models import OrgNode, Post, PostSource
from services.models import Agreement, AgreementProject

from . import rules

DEFAULTS = {
    "warn_days": 30,  # publicity and projects: listed from this many days before their end
    "term_years": 5,  # a committee's term, from its founding
    "term_warn_days": 180,  # terms: listed from this many days before their end
    "filing_answer_days": 15,  # default: a filing should be decided within this many days
    "agreement_sign_month": 3,  # default: this year's agreements signed by 31 March
    "agreement_sign_day": 31,
    "summary_items": 5,  # the weekly summary lists this many of the most urgent items
}

TERM = "term"
FILING = "filing"
PUBLICITY = "publicity"
AGREEMENT = "agreement"
PROJECT = "project"


def setting(name: str) -> int:
    return getattr(settings, "DAJIWEI_OVERSIGHT", {}).get(name, DEFAULTS[name])


def kind_labels() -> dict[str, str]:
    return {
        TERM: _("Committee term ending"),
        FILING: _("Filing waiting for a decision"),
        PUBLICITY: _("Publicity period ending"),
        AGREEMENT: _("Co-building agreement not signed"),
        PROJECT: _("Co-building project due"),
    }


@dataclass
class Item:
    kind: str
    what: str
    committee: str
    due: datetime.date
    days_left: int
    urgency: str
    url: str
    waiting_days: int | None = None  # filings: days since they were sent
    waiting_at: str = ""  # filings: the street or district that must decide

    @property
    def label(self) -> str:
        return kind_labels()[self.kind]

    @property
    def overdue_days(self) -> int:
        return -self.days_left


def _within(node: OrgNode, user, prefix: str) -> Q:
    """Rows whose node (through `prefix`) lies under `node` and in the user's scope."""
    return Q(
        **{
            f"{prefix}tree_id": node.tree_id,
            f"{prefix}lft__gte": node.lft,
            f"{prefix}lft__lte": node.rght,  # implied; bounds the index range (tree_id, lft)
            f"{prefix}rght__lte": node.rght,
        }
    ) & access.scope_q(user, access.VIEW, prefix)


def _item(kind, what, committee, due, today, url, warn, **extra) -> Item:
    return Item(
        kind=kind,
        what=what,
        committee=committee,
        due=due,
        days_left=rules.days_left(due, today),
        urgency=rules.urgency(due, today, warn),
        url=url,
        **extra,
    )


def _terms(user, node, today) -> list[Item]:
    years, warn = setting("term_years"), setting("term_warn_days")
    founded = (
        Post.objects.filter(
            _within(node, user, "node__"),
            node__kind=org_rules.COMMITTEE,
            ended_on__isnull=True,
            source__in=(PostSource.DIRECT, PostSource.ELECTED),
        )
        .values("node_id", "node__name")
        .annotate(founded_on=Min("started_on"))
        .order_by()
    )
    items = []
    for row in founded:
        ends = rules.term_ends(row["founded_on"], years)
        if rules.days_left(ends, today) <= warn:
            what = _("Term from %(start)s ends") % {"start": row["founded_on"].isoformat()}
            url = reverse("organizations:node", args=[row["node_id"]])
            items.append(_item(TERM, what, row["node__name"], ends, today, url, warn))
    return items


def _filings(user, node, today) -> list[Item]:
    answer, warn = setting("filing_answer_days"), setting("warn_days")
    waiting = (
        Filing.objects.filter(state=FilingState.WAITING)
        .filter(
            _within(node, user, "addressee__")
            | _within(node, user, "election__committee__")
            | _within(node, user, "removal__post__node__")
        )
        .select_related("addressee", "election__committee", "removal__post__node")
        .order_by("submitted_at", "pk")
    )
    items = []
    for filing in waiting:
        sent = timezone.localtime(filing.submitted_at).date()
        committee = filing.election.committee if filing.election_id else filing.removal.post.node
        may_decide = access.holds(user, access.DECIDE_FILINGS, filing.addressee)
        url = (
            reverse("elections:inbox", args=[filing.addressee_id])
            if may_decide
            else reverse("organizations:node", args=[committee.pk])
        )
        items.append(
            _item(
                FILING,
                filing.get_kind_display(),
                committee.name,
                sent + datetime.timedelta(days=answer),
                today,
                url,
                warn,
                waiting_days=(today - sent).days,
                waiting_at=filing.addressee.name,
            )
        )
    return items


def _publicity(user, node, today) -> list[Item]:
    warn = setting("warn_days")
    ending = Publicity.objects.filter(
        _within(node, user, "election__committee__"),
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=warn),
    ).select_related("election__committee")
    return [
        _item(
            PUBLICITY,
            _("Publicity of the %(term)s election") % {"term": p.election.term},
            p.election.committee.name,
            p.ends_on,
            today,
            reverse("elections:election", args=[p.election_id]),
            warn,
        )
        for p in ending
    ]


def _agreements(user, node, today) -> list[Item]:
    warn = setting("warn_days")
    sign_by = datetime.date(
        today.year, setting("agreement_sign_month"), setting("agreement_sign_day")
    )
    unsigned = Agreement.objects.filter(
        _within(node, user, "committee__"), year=today.year, signed_on__isnull=True
    ).select_related("committee", "unit")
    return [
        _item(
            AGREEMENT,
            _("%(year)s agreement with %(unit)s") % {"year": a.year, "unit": a.unit.name},
            a.committee.name,
            sign_by,
            today,
            reverse("services:agreement", args=[a.pk]),
            warn,
        )
        for a in unsigned
    ]


def _projects(user, node, today) -> list[Item]:
    warn = setting("warn_days")
    due = AgreementProject.objects.filter(
        _within(node, user, "agreement__committee__"),
        progress__lt=100,
        deadline__lte=today + datetime.timedelta(days=warn),
    ).select_related("agreement__committee")
    return [
        _item(
            PROJECT,
            _("%(title)s (progress %(progress)s%%)") % {"title": p.title, "progress": p.progress},
            p.agreement.committee.name,
            p.deadline,
            today,
            reverse("services:agreement", args=[p.agreement_id]),
            warn,
        )
        for p in due
    ]


def items(user, node: OrgNode, today: datetime.date) -> list[Item]:
    """Everything due in `node`'s scope as `user` may see it, overdue first, then soonest."""
    found = [
        *_terms(user, node, today),
        *_filings(user, node, today),
        *_publicity(user, node, today),
        *_agreements(user, node, today),
        *_projects(user, node, today),
    ]
    return sorted(found, key=lambda i: rules.urgency_key(i.due, today, i.committee + i.what))


def counts(found: list[Item]) -> dict[str, int]:
    """How many items of each kind, in the order of kind_labels()."""
    return {kind: sum(1 for i in found if i.kind == kind) for kind in kind_labels()}
