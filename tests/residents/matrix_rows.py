"""Permission-matrix rows of the residents' side. Public pages: everyone 200."""

from django.core.files.uploadedfile import SimpleUploadedFile

from residents import actions
from tests.matrix import EVERYONE, REDIRECT, Row, obj, on
from tests.organizations.web import png_bytes


def photo(s):
    image = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    actions.contact_card_update(actor=None, post=s.post, duties="联系群众", photo=image)
    return {"public_id": s.tree.grid.public_id, "post": s.post.pk}


def matter(s):
    record = actions.matter_create(
        actor=None, node=s.tree.grid, kind="request", description="楼道灯坏了"
    )
    return {"pk": record.pk}


def cards(s):
    from residents import tasks

    tasks.refresh_cards(s.tree.grid, base_url="http://testserver/")
    return {"pk": s.tree.grid.pk}


def grid_public(s):
    return {"public_id": s.tree.grid.public_id}


ROWS = {
    "residents:public_map": Row(grid_public, **EVERYONE),
    "residents:public_photo": Row(photo, **EVERYONE),
    "residents:public_matter": Row(grid_public, **EVERYONE),
    "residents:public_status": Row(**EVERYONE),
    "residents:card_edit": Row(on("grid")),
    "residents:contact_card_edit": Row(obj("post")),
    "residents:cards_start": Row(on("grid"), method="post", allowed=REDIRECT),
    "residents:cards_download": Row(cards),
    "residents:poster": Row(on("grid")),
    "residents:matters": Row(on("committee")),
    "residents:matter_create": Row(on("grid")),
    "residents:matter": Row(matter),
    "residents:matter_answer": Row(
        matter, method="post", data={"answer": "已处理"}, allowed=REDIRECT
    ),
    "residents:matter_escalate": Row(
        matter, method="post", data={"reason": "需社区协调"}, allowed=REDIRECT
    ),
    "residents:recipients": Row(on("grid")),
    "residents:not_visited": Row(on("committee")),
    "residents:recipient": Row(obj("recipient")),
    "residents:recipient_needs": Row(
        obj("recipient"), method="post", data={"needs": ["meals"]}, allowed=REDIRECT
    ),
    "residents:recipient_visit": Row(
        obj("recipient"),
        method="post",
        data={"kind": "visit", "visited_on": "2026-11-01"},
        allowed=REDIRECT,
    ),
}
