"""Verifies the organisation tree: plain rows in, problems out (used by `manage.py check_tree`).

A row is (id, parent_id, kind, tree_id, lft, rght, level) of one OrgNode. The checks:
django-mptt's nested sets (lft < rght, a child's interval strictly inside its parent's,
siblings not overlapping, rght - lft - 1 == 2 × descendants, level and tree_id following the
parent) and the organisation's own shape (roots are districts, a child's kind is its parent's
kind + 1, no cycles). Nothing here touches the database; the work is O(n log n).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import rules

Row = tuple[int, int | None, int, int, int, int, int]


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    kind: int
    tree_id: int
    lft: int
    rght: int
    level: int


@dataclass(frozen=True)
class Problem:
    node_id: int
    message: str

    def __str__(self) -> str:
        return _("node %(id)s: %(message)s") % {"id": self.node_id, "message": self.message}


def check(rows: Iterable[Row]) -> list[Problem]:
    """Every problem found in the tree given as rows; an empty list means the tree is sound."""
    nodes = {row[0]: Node(*row) for row in rows}
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes.values():
        children[node.parent_id].append(node)
    problems: list[Problem] = []
    problems += _roots(children[None])
    for node in nodes.values():
        problems += _against_parent(node, nodes)
    problems += _siblings(children)
    problems += _cycles(nodes)
    problems += _sizes(nodes, children)
    return sorted(problems, key=lambda p: (p.node_id, p.message))


def _roots(roots: list[Node]) -> list[Problem]:
    found = []
    per_tree: dict[int, list[int]] = defaultdict(list)
    for root in roots:
        per_tree[root.tree_id].append(root.id)
        if root.kind != rules.DISTRICT:
            found.append(Problem(root.id, _("a top-level node is not a district")))
        if root.level != 0:
            found.append(Problem(root.id, _("a top-level node has level %d") % root.level))
        if root.lft != 1:
            found.append(Problem(root.id, _("a top-level node has lft %d, not 1") % root.lft))
    for tree_id, ids in per_tree.items():
        if len(ids) > 1:
            found += [
                Problem(i, _("tree %d has more than one top-level node") % tree_id) for i in ids
            ]
    return found


def _against_parent(node: Node, nodes: dict[int, Node]) -> list[Problem]:
    found = []
    if node.lft >= node.rght:
        found.append(Problem(node.id, _("lft %(lft)d is not below rght %(rght)d") % _lr(node)))
    if node.parent_id is None:
        return found
    parent = nodes.get(node.parent_id)
    if parent is None:
        return found + [Problem(node.id, _("its parent %d does not exist") % node.parent_id)]
    if node.tree_id != parent.tree_id:
        found.append(Problem(node.id, _("tree_id differs from its parent's")))
    if node.level != parent.level + 1:
        found.append(Problem(node.id, _("level is not its parent's level + 1")))
    if node.kind != parent.kind + 1:
        found.append(
            Problem(
                node.id,
                _("kind %(kind)d is not one below its parent's kind %(parent)d")
                % {"kind": node.kind, "parent": parent.kind},
            )
        )
    if not (parent.lft < node.lft and node.rght < parent.rght):
        found.append(
            Problem(
                node.id,
                _("interval %(lft)d–%(rght)d is not inside its parent's %(plft)d–%(prght)d")
                % {**_lr(node), "plft": parent.lft, "prght": parent.rght},
            )
        )
    return found


def _lr(node: Node) -> dict[str, int]:
    return {"lft": node.lft, "rght": node.rght}


def _siblings(children: dict[int | None, list[Node]]) -> list[Problem]:
    """Siblings' intervals must not overlap (roots are compared within their tree only)."""
    found = []
    for parent_id, group in children.items():
        if parent_id is None:
            continue
        ordered = sorted(group, key=lambda n: n.lft)
        for left, right in zip(ordered, ordered[1:], strict=False):
            if left.rght >= right.lft:
                found.append(
                    Problem(
                        right.id,
                        _("its interval overlaps its sibling %(other)d's") % {"other": left.id},
                    )
                )
    return found


def _cycles(nodes: dict[int, Node]) -> list[Problem]:
    """Nodes whose chain of parents never reaches a top-level node."""
    state: dict[int, int] = {}  # 1 = on the current path, 2 = reaches a root
    found = []
    for start in nodes:
        path = []
        current: int | None = start
        while current is not None and current in nodes and current not in state:
            state[current] = 1
            path.append(current)
            current = nodes[current].parent_id
        if current is not None and state.get(current) == 1:
            found.append(Problem(current, _("its chain of parents forms a cycle")))
        for node_id in path:
            state[node_id] = 2
    return found


def _sizes(nodes: dict[int, Node], children: dict[int | None, list[Node]]) -> list[Problem]:
    """rght - lft - 1 must be twice the number of descendants (counted from the roots down)."""
    order: list[Node] = []
    stack = list(children[None])
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node.id, ()))
    descendants: dict[int, int] = {}
    for node in reversed(order):  # children before their parents
        descendants[node.id] = sum(1 + descendants[c.id] for c in children.get(node.id, ()))
    found = []
    for node in order:
        width = node.rght - node.lft - 1
        if width != 2 * descendants[node.id]:
            found.append(
                Problem(
                    node.id,
                    _("rght - lft - 1 is %(width)d but it has %(count)d descendants")
                    % {"width": width, "count": descendants[node.id]},
                )
            )
    return found
