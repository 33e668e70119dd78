"""Starting and ending posts through the forms: norms ask for a reason, hard limits refuse."""

import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from organizations import actions
from organizations.models import AuditEvent, Post, PostKind, PostSource
from tests.factories import MemberFactory
from tests.organizations.web import text


def post_data(person, **changes):
    data = {
        "person": person.pk,
        "kind": PostKind.SECRETARY,
        "source": PostSource.ELECTED,
        "started_on": "2026-03-01",
        "decision_ref": "幸福社区党发〔2026〕1号",
    }
    return {**data, **changes}


def test_a_broken_norm_asks_for_a_reason_and_records_it(tree, secretary, login):
    person = MemberFactory(node=tree.building)
    client = login(secretary)
    url = reverse("organizations:post_start", args=[tree.committee.pk])

    first = client.post(url, post_data(person))  # not the branch secretary: C4 warns
    page = text(first)
    assert first.status_code == 200 and not Post.objects.exists()
    assert 'name="reason"' in page and 'class="verdict-warn"' in page
    assert 'name="needs_reason" value="True"' in page

    without = client.post(url, post_data(person, needs_reason="True", reason=""))
    assert without.status_code == 200 and not Post.objects.exists()

    reason = "社区党组织书记空缺，由街道党工委指定"
    done = client.post(url, post_data(person, needs_reason="True", reason=reason))
    assert done.status_code == 302
    post = Post.objects.get()
    assert post.exception_reason == reason
    event = AuditEvent.objects.get(action="post.start", object_id=str(post.pk))
    assert event.data["reason"] == reason and event.data["exceptions"] == ["C4"]


def test_a_second_secretary_is_refused_with_the_numbers(tree, secretary, login):
    actions.post_start(
        actor=None,
        node=tree.committee,
        person=MemberFactory(node=tree.building),
        kind=PostKind.SECRETARY,
        source=PostSource.ELECTED,
        started_on=datetime.date(2026, 1, 1),
        concurrent_branch_post=True,
    )
    second = MemberFactory(node=tree.building)
    response = login(secretary).post(
        reverse("organizations:post_start", args=[tree.committee.pk]),
        post_data(second, concurrent_branch_post="on", needs_reason="True", reason="试试"),
    )
    assert response.status_code == 200
    with translation.override("zh-hans"):
        from organizations import rules

        message = rules.committee_verdicts(
            [rules.Seat(kind="secretary", person_id=1), rules.Seat(kind="secretary", person_id=2)]
        )[1].message
    assert escape(message) in text(response)
    assert Post.objects.filter(kind=PostKind.SECRETARY).count() == 1


def test_only_the_posts_of_the_nodes_level_are_offered(tree, secretary, login):
    page = text(login(secretary).get(reverse("organizations:post_start", args=[tree.grid.pk])))
    assert f'value="{PostKind.GRID_SECRETARY}"' in page
    assert f'value="{PostKind.SECRETARY}"' not in page


def test_ending_a_post_keeps_it_in_the_history(scene, secretary, login):
    client = login(secretary)
    response = client.post(
        reverse("organizations:post_end", args=[scene.post.pk]),
        {"ended_on": "2026-06-30", "reason": "工作调动"},
    )
    assert response.status_code == 302
    scene.post.refresh_from_db()
    assert scene.post.ended_on == datetime.date(2026, 6, 30)
    page = text(client.get(reverse("organizations:node", args=[scene.tree.grid.pk])))
    history = page[page.index("工作调动") - 600 :]
    assert scene.member.name in history


def test_a_post_cannot_end_before_it_started(scene, secretary, login):
    response = login(secretary).post(
        reverse("organizations:post_end", args=[scene.post.pk]),
        {"ended_on": "2020-01-01", "reason": "录入错误"},
    )
    assert response.status_code == 200 and 'class="errorlist' in text(response)
    scene.post.refresh_from_db()
    assert scene.post.ended_on is None
