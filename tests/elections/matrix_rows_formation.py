"""Permission-matrix rows of the formation pages (steps 1–7, the election page, the notice).

Reading pages need VIEW on the committee (a party member of the community gets 200), every
step RUN_ELECTIONS (the party member gets 403); the community secretary may do both.
"""

from elections import actions
from tests.elections.builders import build_scene, nominate, to_nomination, to_publicity
from tests.matrix import EVERYONE, REDIRECT, Row, on


def election(s):
    return actions.election_create(actor=None, committee=s.tree.committee, term="2026—2031")


def on_election(s):
    return {"pk": election(s).pk}


def with_route(route):
    return lambda s: {"pk": election(s).pk, "route": route}


def nomination(s):
    scene = to_nomination(build_scene(s.tree))
    (made,) = nominate(scene, "member", scene.members[1:2])
    return {"pk": made.pk}


def objection(s):
    scene = to_publicity(build_scene(s.tree))
    made = actions.objection_record(actor=None, election=scene.election, text="对候选人有意见")
    return {"pk": made.pk}


def roll_entry(s):
    scene = to_nomination(build_scene(s.tree))
    return {"pk": scene.election.roll.get().pk}


def public(s):
    return {"public_id": election(s).public_id}


ROWS: dict[str, Row] = {
    "elections:election_list": Row(on("committee"), lacking=200),
    "elections:election_create": Row(on("committee")),
    "elections:election": Row(on_election, lacking=200),
    # 1–2
    "elections:direct_entry_add": Row(on_election),
    "elections:direct_entries_confirm": Row(on_election),
    "elections:seats_publish": Row(on_election),
    # 3–4
    "elections:nomination_list": Row(on_election, lacking=200),
    "elections:nomination_submit": Row(with_route("joint")),
    "elections:nominations_close": Row(on_election),
    "elections:nominations_reopen": Row(on_election),
    "elections:nomination_review": Row(nomination),
    "elections:review_close": Row(on_election),
    # 5–6
    "elections:publicity_publish": Row(on_election),
    "elections:objection_record": Row(on_election),
    "elections:objection_answer": Row(objection),
    "elections:representatives": Row(on_election),
    # 7
    "elections:roll": Row(on_election, lacking=200),
    "elections:roll_add": Row(on_election),
    "elections:roll_exclude": Row(roll_entry),
    "elections:roll_check_in": Row(roll_entry, method="post", allowed=REDIRECT),
    "elections:tellers": Row(on_election),
    # For residents
    "elections:public_notice": Row(public, **EVERYONE),
}
