"""Concurrent tree writes on PostgreSQL: the tree lock keeps django-mptt's nested sets sound."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from organizations import actions, rules
from organizations.models import OrgNode
from tests.factories import node

THREADS = 8
PER_THREAD = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_adding_nodes_under_the_same_parents_leave_a_sound_tree():
    district = node(None, "并发区")
    street = node(district, "并发街道")
    communities = [node(street, f"并发社区{i}") for i in range(2)]
    grids = [node(c, f"并发网格{i}") for i, c in enumerate(communities)]
    start = threading.Barrier(THREADS)
    errors = []

    def work(t):
        try:
            start.wait()
            for i in range(PER_THREAD):
                # Alternate grids under the communities and buildings under the grids, with
                # names that interleave so django-mptt inserts in the middle of the siblings.
                parent = (communities + grids)[i % 4]
                actions.node_create(
                    actor=None, parent=parent, kind=parent.kind + 1, name=f"{i:02d}-{t}"
                )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    created = OrgNode.objects.filter(name__regex=r"^\d\d-\d$")
    assert created.count() == THREADS * PER_THREAD
    assert set(created.values_list("kind", flat=True)) == {rules.GRID, rules.BUILDING}
    call_command("check_tree")
    for parent in communities + grids:
        parent.refresh_from_db()
        assert (
            parent.get_descendant_count()
            == OrgNode.objects.filter(
                tree_id=parent.tree_id, lft__gt=parent.lft, rght__lt=parent.rght
            ).count()
        )
