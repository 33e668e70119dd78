"""The navigator, the node page and the node forms, through the test client."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from organizations import rules
from organizations.models import AuditEvent, OrgNode, Role
from tests.organizations.web import text


def test_navigator_shows_the_users_street_and_not_the_other(tree, role_user, login):
    page = text(
        login(role_user(Role.STREET_STAFF, tree.street)).get(reverse("organizations:navigator"))
    )
    assert tree.street.name in page and tree.committee.name in page
    assert tree.other_street.name not in page and tree.district.name not in page


def test_node_page_counts_members_and_households_of_each_child(scene, secretary, login):
    page = text(login(secretary).get(reverse("organizations:node", args=[scene.tree.committee.pk])))
    row = page[page.index(scene.tree.grid.name) :]
    assert '<td class="num">1</td>' in row[:400]
    assert scene.post.person.name in text(
        login(secretary).get(reverse("organizations:node", args=[scene.tree.grid.pk]))
    )


def test_a_child_is_created_through_the_form_one_level_down(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:node_create", args=[tree.committee.pk]),
        {"kind": rules.GRID, "name": "第二网格", "boundary": "幸福路以东"},
    )
    grid = OrgNode.objects.get(name="第二网格")
    assert response.status_code == 302 and response.url == grid.get_absolute_url()
    assert (grid.parent, grid.kind, grid.boundary) == (tree.committee, rules.GRID, "幸福路以东")
    assert AuditEvent.objects.get(action="node.create", object_id=str(grid.pk)).actor == secretary


def test_a_level_skipping_child_is_refused_with_the_rule_message(tree, role_user, login):
    response = login(role_user(Role.STREET_STAFF, tree.street)).post(
        reverse("organizations:node_create", args=[tree.street.pk]),
        {"kind": rules.GRID, "name": "越级网格"},
    )
    assert response.status_code == 200
    with translation.override("zh-hans"):
        message = rules.child_level_problem(rules.STREET, rules.GRID)
    assert escape(message) in text(response)
    assert 'value="越级网格"' in text(response)
    assert not OrgNode.objects.filter(name="越级网格").exists()


def test_a_node_form_with_errors_keeps_what_was_typed(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:node_create", args=[tree.committee.pk]),
        {"kind": rules.GRID, "name": "", "boundary": "幸福路以东"},
    )
    assert response.status_code == 200 and "幸福路以东" in text(response)
    assert 'class="errorlist' in text(response)


def test_editing_a_node_changes_it_and_logs_the_change(tree, secretary, login):
    response = login(secretary).post(
        reverse("organizations:node_update", args=[tree.grid.pk]),
        {"name": "第一网格（东）", "boundary": "幸福路1-9号"},
    )
    assert response.status_code == 302
    tree.grid.refresh_from_db()
    assert (tree.grid.name, tree.grid.boundary) == ("第一网格（东）", "幸福路1-9号")
    event = AuditEvent.objects.get(action="node.update", object_id=str(tree.grid.pk))
    assert event.data["after"]["name"] == "第一网格（东）"


def test_links_are_shown_only_with_the_permission(tree, secretary, role_user, login):
    url = reverse("organizations:node", args=[tree.committee.pk])
    add_link = reverse("organizations:node_create", args=[tree.committee.pk])
    post_link = reverse("organizations:post_start", args=[tree.committee.pk])
    assert add_link in text(login(secretary).get(url))
    member_page = text(login(role_user(Role.PARTY_MEMBER, tree.committee)).get(url))
    assert add_link not in member_page and post_link not in member_page
    assert reverse("organizations:member_list", args=[tree.committee.pk]) not in member_page


def test_committee_page_shows_the_composition_verdicts_with_their_severity(tree, secretary, login):
    page = text(login(secretary).get(reverse("organizations:node", args=[tree.committee.pk])))
    with translation.override("zh-hans"):
        message = rules.committee_verdicts([])[1].message  # C2: no secretary yet
    assert 'class="verdict-block"' in page and escape(message) in page
    assert 'class="verdict-warn"' in page  # C1: no members yet


def test_grid_page_shows_its_map_served_within_scope(scene, secretary, login):
    client = login(secretary)
    page = text(client.get(reverse("organizations:node", args=[scene.tree.grid.pk])))
    map_url = reverse("organizations:node_map", args=[scene.tree.grid.pk])
    assert map_url in page
    response = client.get(map_url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
