"""`manage.py check_tree` and organizations.treecheck: a sound tree passes, corruption is named."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from organizations import treecheck
from organizations.models import OrgNode

# (id, parent_id, kind, tree_id, lft, rght, level): district 1 → street 2 → communities 3, 4
GOOD = [
    (1, None, 1, 1, 1, 8, 0),
    (2, 1, 2, 1, 2, 7, 1),
    (3, 2, 3, 1, 3, 4, 2),
    (4, 2, 3, 1, 5, 6, 2),
]


def replaced(rows, node_id, **changes):
    names = ("id", "parent_id", "kind", "tree_id", "lft", "rght", "level")
    out = []
    for row in rows:
        if row[0] == node_id:
            values = dict(zip(names, row, strict=True)) | changes
            row = tuple(values[n] for n in names)
        out.append(row)
    return out


def problem_ids(rows):
    return {p.node_id for p in treecheck.check(rows)}


def test_a_sound_tree_has_no_problems():
    assert treecheck.check(GOOD) == []


@pytest.mark.parametrize(
    ("node_id", "changes"),
    [
        (3, {"rght": 3}),  # lft not below rght
        (4, {"lft": 4, "rght": 5}),  # overlaps its sibling
        (4, {"rght": 7}),  # outside its parent
        (2, {"rght": 9}),  # width no longer twice the descendants
        (3, {"level": 3}),
        (3, {"tree_id": 2}),
        (3, {"kind": 4}),  # skips a level
        (1, {"kind": 2}),  # a top-level node that is not a district
        (3, {"parent_id": 99}),  # a missing parent
    ],
)
def test_each_kind_of_corruption_is_reported(node_id, changes):
    assert node_id in problem_ids(replaced(GOOD, node_id, **changes))


def test_a_cycle_is_reported():
    rows = GOOD + [(5, 6, 4, 1, 10, 11, 3), (6, 5, 5, 1, 12, 13, 4)]
    assert problem_ids(rows) >= {5, 6}


def test_two_top_level_nodes_in_one_tree_are_reported():
    rows = GOOD + [(9, None, 1, 1, 1, 2, 0)]
    assert problem_ids(rows) >= {1, 9}


def _big_tree(fanout=(10, 10, 10, 10, 6)):
    """One district with 1 + 10 + 100 + 1,000 + 10,000 + 60,000 = 71,111 nodes, as rows."""
    rows, ids = [], iter(range(1, 10**7))

    def add(parent_id, kind, lft, level):
        node_id = next(ids)
        cursor = lft + 1
        if kind <= len(fanout):
            for _ in range(fanout[kind - 1]):
                cursor = add(node_id, kind + 1, cursor, level + 1) + 1
        rows.append((node_id, parent_id, kind, 1, lft, cursor, level))
        return cursor

    add(None, 1, 1, 0)
    return rows


def test_seventy_thousand_nodes_are_checked_quickly():
    rows = _big_tree()
    assert len(rows) > 70_000
    started = time.monotonic()
    assert treecheck.check(rows) == []
    assert time.monotonic() - started < 5


# ---------------------------------------------------------------------------------------------
# The command, on a real tree built through the actions


def test_the_command_passes_on_a_sound_tree(tree, capsys):
    call_command("check_tree")
    out = capsys.readouterr().out
    assert str(OrgNode.objects.count()) in out


def test_the_command_fails_and_names_a_corrupted_node(tree, capsys):
    # Tests may write tree fields directly, to simulate what a racing django-mptt write does.
    OrgNode.objects.filter(pk=tree.grid.pk).update(rght=F("rght") + 2)
    with pytest.raises(CommandError):
        call_command("check_tree")
    assert str(tree.grid.pk) in capsys.readouterr().err


def test_the_command_reports_a_level_skipped_by_a_direct_write(tree, capsys):
    OrgNode.objects.filter(pk=tree.building.pk).update(kind=tree.grid.kind)
    with pytest.raises(CommandError):
        call_command("check_tree")
    assert str(tree.building.pk) in capsys.readouterr().err
