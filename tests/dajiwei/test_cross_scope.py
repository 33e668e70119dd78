"""IDs of another street's objects posted into this community's forms (docs/security.md,
"Bad input").

A user scoped to the first street's community posts, into a form of that community, the ID of
a member, node, unit, meeting, nomination... of the second street's community. The answer is a
404 or the form's "not a valid choice" on that field, and nothing is written in any table. The
same post with an object of the community is the control: the field takes it, so the check can
fail.

One row per form field; a new form with an object field gets a row
(`test_the_table_covers_every_object_field_of_the_forms` fails until it has one, or an entry in
NO_ROW saying why not). IDs in the URL: the last test posts to every URL that takes posts, with
the first street's object in it, as the second street's staff.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse

from elections import actions as election_actions
from elections.models import Nomination, Removal, RemovalState, Round, Route
from elections.selectors.meeting import voters_without_code
from organizations import actions as org_actions
from organizations.models import PostKind, PostSource, Role
from services import actions as service_actions
from tests.dajiwei.bad_input import (
    COMMITMENT,
    THEME_DAY,
    Clients,
    annual_meeting_of,
    election_at_nomination,
    field_errors,
    linked_member,
    nomination_of,
    snapshot,
    undone,
)
from tests.elections import matrix_rows_meeting as meeting_matrix
from tests.factories import MemberFactory, UnitFactory, UserFactory
from tests.meetings.helpers import resolution
from tests.organizations.test_csrf import _callbacks, _takes_posts
from tests.organizations.test_permission_matrix import ROWS
from tests.organizations.test_views_people import member_data

pytestmark = pytest.mark.postgres

DAY = datetime.date(2026, 3, 1)


# ---------------------------------------------------------------------------------------------
# Objects of the other street's community, and a few of this one the scene lacks


def other_tree(tree):
    """The second street as the builders see a tree."""
    return SimpleNamespace(
        district=tree.district,
        street=tree.other_street,
        committee=tree.other_committee,
        grid=tree.other_grid,
        building=tree.other_building,
    )


def member_of(node):
    return MemberFactory(node=node)


def unit_of(committee):
    unit = UnitFactory()
    org_actions.unit_link(actor=None, unit=unit, committee=committee, linked_on=DAY)
    return unit


def unit_member_of(tree):
    """A party member of the community who works in one of its member units."""
    return MemberFactory(node=tree.building, workplace=unit_of(tree.committee))


def household_of(node):
    return org_actions.household_create(actor=None, node=node, address="和平路2号", people_count=2)


def grid_secretary_of(grid, building):
    person = MemberFactory(node=building)
    org_actions.post_start(
        actor=None,
        node=grid,
        person=person,
        kind=PostKind.GRID_SECRETARY,
        source=PostSource.APPOINTED,
        started_on=DAY,
        override_reason="试点",
    )
    return person


def vacancy_of(committee, building):
    post = org_actions.post_start(
        actor=None,
        node=committee,
        person=MemberFactory(node=building),
        kind=PostKind.PARTTIME_MEMBER,
        source=PostSource.ELECTED,
        started_on=datetime.date(2024, 1, 1),
    )
    post = org_actions.post_end(
        actor=None, post=post, ended_on=datetime.date(2026, 1, 1), reason="工作调动"
    )
    # Left by the route of 二(六): only such a seat is refilled by a by-election.
    Removal.objects.create(
        post=post,
        notice="removal-notices/notice.pdf",
        notice_on=datetime.date(2025, 12, 1),
        reason="工作调动",
        state=RemovalState.DONE,
    )
    return post


# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Case:
    """Post `field` = an object's ID to URL `name`.

    `ours(s, k)` an object of this community the field takes (None: the form offers none to a
    community user, e.g. another committee to link a unit to), `theirs(s)` the same kind of
    object in the other street; `kwargs(s)` the URL's kwargs (default: the matrix row's);
    `data(s, k)` the form's other fields; `user(s)` when the matrix's allowed user is not the
    one whose form this is.
    """

    name: str
    field: str
    theirs: Callable
    ours: Callable | None
    data: Callable = lambda s, k: {}
    kwargs: Callable | None = None
    user: Callable | None = None
    key: Callable = field(default=lambda obj: obj.pk)
    # A view without a form page (a button on a console) refuses by redirecting back with an
    # error message.
    redirects: bool = False


def _election(s):
    return {
        "pk": election_actions.election_create(actor=None, committee=s.tree.committee, term="x").pk
    }


def entry_in_another_meeting(s):
    """A checked-in voter of the other street's election meeting."""
    other = meeting_matrix.meeting(SimpleNamespace(tree=other_tree(s.tree)))
    return other.election.roll.filter(checked_in=True).first()


def voter_without_code(s, kwargs):
    return voters_without_code(Round.objects.get(pk=kwargs["pk"])).first()


def first_nomination(kwargs):
    """A nomination of the election in the URL."""
    return Nomination.objects.filter(election_id=kwargs["pk"]).first()


def _publicised(s):
    election, _ = nomination_of(s.tree)
    return {"pk": election.pk}


def _joint(s):
    return {"pk": election_at_nomination(s.tree).pk, "route": Route.JOINT}


def _by_organisation(s):
    return {"pk": election_at_nomination(s.tree).pk, "route": Route.ORGANISATION}


def _annual(s):
    return {"pk": annual_meeting_of(s.tree.committee).pk}


def _opening_signed_up(s):
    opening = service_actions.opening_create(
        actor=None, committee=s.tree.committee, kind="post", title="楼道清洁"
    )
    service_actions.signup_create(actor=None, opening=opening, member=s.member, mode="self_chosen")
    return opening


def other_opening(s):
    """An opening of the other street the member has not signed up to."""
    return service_actions.opening_create(
        actor=None, committee=s.tree.other_committee, kind="post", title="和平楼道清洁"
    )


def _o(s):
    return other_tree(s.tree)


NOMINEE = {"category": "member", "background": "unit_leader", "statement": "热心"}
CASES = [
    # organizations
    Case(
        "organizations:member_create",
        "node",
        lambda s: s.tree.other_building,
        lambda s, k: s.tree.building,
        lambda s, k: member_data(s.tree.building),
    ),
    Case(
        "organizations:member_create",
        "workplace",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: member_data(s.tree.building),
    ),
    Case(
        "organizations:member_update",
        "node",
        lambda s: s.tree.other_building,
        lambda s, k: s.tree.household,
        lambda s, k: member_data(s.tree.building, phone="", resident_id=""),
    ),
    Case(
        "organizations:recipient_create",
        "household",
        lambda s: household_of(s.tree.other_building),
        lambda s, k: s.household,
        lambda s, k: {"name": "李爷爷", "kind": "elderly"},
    ),
    Case(
        "organizations:recipient_update",
        "household",
        lambda s: household_of(s.tree.other_building),
        lambda s, k: s.household,
        lambda s, k: {"name": "张奶奶", "kind": "elderly"},
    ),
    Case(
        "organizations:unit_link",
        "committee",
        lambda s: s.tree.other_committee,
        None,
        lambda s, k: {"linked_on": "2026-03-01"},
    ),
    Case(
        "organizations:post_start",
        "person",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: {"kind": "parttime_member", "source": "elected", "started_on": "2026-03-01"},
    ),
    Case(
        "organizations:role_grant",
        "unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {
            "role": Role.UNIT_CONTACT,
            "login": "existing",
            "username": UserFactory().username,
        },
    ),
    # meetings
    Case(
        "meetings:create",
        "organiser",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: dict(THEME_DAY),
    ),
    Case(
        "meetings:invite",
        "member",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: MemberFactory(node=s.tree.building),
    ),
    Case(
        "meetings:annual_representatives",
        "members",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        kwargs=_annual,
    ),
    Case(
        "meetings:joint_meeting_create",
        "units",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {"date": "2026-11-20", "place": "会议室", "topic": "共建", "agenda": "议题"},
    ),
    Case(
        "meetings:visit_create",
        "unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {"date": "2026-11-20", "visitors": "书记", "purpose": "走访"},
    ),
    Case(
        "meetings:training_create",
        "trainees",
        lambda s: grid_secretary_of(s.tree.other_grid, s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: {"date": "2026-11-20", "topic": "培训", "trainer": "讲师", "place": "会议室"},
    ),
    # residents
    Case(
        "residents:matter_create",
        "node",
        lambda s: s.tree.other_grid,
        lambda s, k: s.tree.grid,
        lambda s, k: {"kind": "other", "description": "楼道灯坏了需要维修"},
    ),
    # services
    Case(
        "services:unit_register",
        "committee",
        lambda s: s.tree.other_committee,
        lambda s, k: s.tree.committee,
        lambda s, k: {"registered_on": "2026-03-01"},
    ),
    Case(
        "services:commitment_create",
        "unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {
            "year": 2026,
            "direction": "from_unit",
            "kind": "money",
            "description": "资助",
            "amount": "100",
        },
    ),
    Case(
        "services:unit_commitment_create",
        "committee",
        lambda s: s.tree.other_committee,
        lambda s, k: s.tree.committee,
        lambda s, k: COMMITMENT,
    ),
    Case(
        "services:agreement_create",
        "unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {"year": 2026, "goals": "共建"},
    ),
    Case(
        "services:agreement_create",
        "resolution",
        lambda s: resolution(s.tree.other_committee),
        lambda s, k: resolution(s.tree.committee),
        lambda s, k: {"unit": s.unit.pk, "year": 2026, "goals": "共建"},
    ),
    Case(
        "services:commendation_create",
        "unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: {"year": 2026, "title": "先进", "decided_on": "2026-03-01"},
    ),
    Case(
        "services:my_service",
        "node",
        lambda s: s.tree.other_grid,
        lambda s, k: s.tree.grid,
        lambda s, k: {"served_on": "2026-03-01", "hours": "2", "description": "清扫"},
        user=linked_member,
    ),
    Case(
        "services:my_service",
        "opening",
        other_opening,
        lambda s, k: _opening_signed_up(s),
        lambda s, k: {
            "node": s.tree.grid.pk,
            "served_on": "2026-03-01",
            "hours": "2",
            "description": "清扫",
        },
        user=linked_member,
    ),
    Case(
        "services:my_registration",
        "choice",
        lambda s: s.tree.other_committee,
        lambda s, k: s.tree.committee,
        lambda s, k: {"registered_on": "2026-03-01"},
        user=linked_member,
        key=lambda c: f"{c.pk}:home",
    ),
    # elections
    Case(
        "elections:election_create",
        "vacancy",
        lambda s: vacancy_of(s.tree.other_committee, s.tree.other_building),
        lambda s, k: vacancy_of(s.tree.committee, s.tree.building),
        lambda s, k: {"term": "补选"},
    ),
    Case(
        "elections:direct_entry_add",
        "person",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: {"branch_post": "书记", "post_kind": "secretary"},
        kwargs=_election,
    ),
    Case(
        "elections:nomination_submit",
        "nominee",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: NOMINEE,
        kwargs=_joint,
    ),
    Case(
        "elections:nomination_submit",
        "co_signers",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: NOMINEE,
        kwargs=_joint,
    ),
    Case(
        "elections:nomination_submit",
        "recommending_unit",
        lambda s: unit_of(s.tree.other_committee),
        lambda s, k: s.unit,
        lambda s, k: NOMINEE,
        kwargs=_by_organisation,
    ),
    Case(
        "elections:objection_record",
        "nomination",
        lambda s: nomination_of(_o(s))[1],
        lambda s, k: first_nomination(k),
        lambda s, k: {"text": "有意见"},
        kwargs=_publicised,
    ),
    Case(
        "elections:representatives",
        "people",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        kwargs=_publicised,
    ),
    Case(
        "elections:representatives",
        "grid",
        lambda s: s.tree.other_grid,
        lambda s, k: s.tree.grid,
        kwargs=_publicised,
    ),
    Case(
        "elections:roll_add",
        "person",
        lambda s: unit_member_of(_o(s)),
        lambda s, k: unit_member_of(s.tree),
        kwargs=_publicised,
    ),
    Case(
        "elections:tellers",
        "person_0",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        kwargs=_publicised,
    ),
    Case(
        "elections:appointment_create",
        "person",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: {
            "kind": "building_leader",
            "decision_ref": "2026-1",
            "appointed_on": "2026-03-01",
        },
        kwargs=lambda s: {"pk": s.tree.building.pk},
    ),
    Case(
        "elections:appointment_create",
        "recommenders",
        lambda s: member_of(s.tree.other_building),
        lambda s, k: s.member,
        lambda s, k: {
            "kind": "building_leader",
            "decision_ref": "2026-1",
            "appointed_on": "2026-03-01",
        },
        kwargs=lambda s: {"pk": s.tree.building.pk},
    ),
    Case(
        "elections:removal_decide",
        "resolution",
        lambda s: resolution(s.tree.other_committee),
        lambda s, k: resolution(s.tree.committee),
        lambda s, k: {"decided_on": "2026-11-05"},
    ),
    Case(
        "elections:round_code",
        "entry",
        entry_in_another_meeting,
        voter_without_code,
        redirects=True,
    ),
]


# Object fields of the views' forms that no row covers ("FormClass.field": why). Fields a form
# adds as it is built are not in its base_fields and so not checked by the coverage test; of
# those, TellersForm.person_<i> has a row above, and these have none:
# - JointRecordForm.members_<invitation>: the invited unit's own party members, wherever they
#   live (the unit is one of the community's, through the meeting in the URL);
# - FoundingForm.write_in_<i>: the election's community members (selectors); it needs a counted
#   write-in winner.
NO_ROW: dict[str, str] = {
    "UnitCommitmentForm.unit": "taken off as the form is built: the unit is the URL's",
}


def _post(client, url, data):
    before = snapshot()
    response = client.post(url, data)
    return response, snapshot() != before


def _value(case, obj):
    return [case.key(obj)] if _many(case) else case.key(obj)


def _many(case) -> bool:
    return case.field in {"members", "units", "trainees", "co_signers", "people", "recommenders"}


def _check(case: Case, scene, clients) -> list[str]:
    """What is wrong with the form of `case`: [] when it refuses the other street's object."""
    kwargs = case.kwargs(scene) if case.kwargs else ROWS[case.name].kwargs(scene)
    url = reverse(case.name, kwargs=kwargs)
    client = clients(user=case.user(scene)) if case.user else clients(ROWS[case.name])
    base = case.data(scene, kwargs)
    theirs = case.theirs(scene)
    problems = []
    if case.ours is not None:
        # The control: the field takes the community's own object (or the form saves).
        with transaction.atomic():
            ours = _value(case, case.ours(scene, kwargs))
            response, wrote = _post(client, url, {**base, case.field: ours})
            taken = response.status_code == 200 and field_errors(response, case.field) == []
            if not (wrote and response.status_code in (200, 302)) and not taken:
                problems.append(f"{url}: the control's {case.field} is refused")
            transaction.set_rollback(True)
    response, wrote = _post(client, url, {**base, case.field: _value(case, theirs)})
    if case.redirects and response.status_code == 302:
        if not _error_messages(response):
            problems.append(f"{url}: redirected without an error on {case.field}={theirs.pk}")
    elif response.status_code not in (200, 404):
        problems.append(f"{url} answered {response.status_code} to {case.field}={theirs.pk}")
    elif response.status_code == 200 and not field_errors(response, case.field):
        problems.append(f"{url}: no error on {case.field}={theirs.pk}")
    if wrote:
        problems.append(f"{url} wrote with another street's {case.field}")
    return problems


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == message_levels.ERROR]


def test_an_id_from_another_street_is_refused_and_nothing_is_written(scene, role_user):
    """Each case in a savepoint undone after it, on one scene (building it per case is slow)."""
    clients = Clients(scene, role_user, [ROWS[c.name] for c in CASES if not c.user])
    problems = []
    for case in CASES:
        with undone(scene):
            problems += _check(case, scene, clients)
    assert problems == []


def test_the_table_covers_every_object_field_of_the_forms():
    """A form with an object field (a ModelChoiceField) on a view of the project has a row."""
    covered = {(_form_of(c.name), c.field) for c in CASES}
    missing = []
    for name, view in _callbacks():
        form_class = getattr(getattr(view, "view_class", None), "form_class", None)
        if form_class is None:
            continue
        for field_name, form_field in form_class.base_fields.items():
            if not isinstance(form_field, forms.ModelChoiceField):
                continue
            if (form_class, field_name) in covered:
                continue
            if f"{form_class.__name__}.{field_name}" not in NO_ROW:
                missing.append(f"{name} {form_class.__name__}.{field_name}")
    assert sorted(set(missing)) == []


def _form_of(name):
    view = dict(_callbacks())[name]
    return getattr(getattr(view, "view_class", None), "form_class", None)


# ---------------------------------------------------------------------------------------------
# IDs in the URL: every URL that takes posts, with the first street's object in it, posted by
# the second street's staff


def test_a_post_to_another_streets_object_is_404_and_writes_nothing(scene, role_user):
    """The permission matrix GETs most of these URLs; here each is POSTed to, and the
    no row of any table may change."""
    posting = {name for name, view in _callbacks() if _takes_posts(view)}
    names = sorted(n for n in posting if n in ROWS and ROWS[n].outsider == 404)
    assert len(names) > 80, "fewer posting URLs than the project has: the test would check little"
    clients = Clients(scene, role_user, [ROWS[names[0]]], actor="outsider")
    problems = []
    for name in names:
        row = ROWS[name]
        with undone(scene):
            url = reverse(name, kwargs=row.kwargs(scene))
            response, wrote = _post(clients(row, "outsider"), url, row.data)
            if response.status_code != 404 or wrote:
                problems.append(f"{url}: {response.status_code}, written: {wrote}")
    assert problems == []
