"""Permission-matrix rows for the project's own URLs and the organisation pages."""

from organizations import actions
from organizations.models import Role
from tests.factories import UserFactory
from tests.matrix import EVERYONE, NOT_SCOPED, REDIRECT, Row, obj, on


def direct_role(s):
    """A community-office role granted directly on the committee, for ending."""
    assignment = actions.role_grant(
        actor=None, user=UserFactory(), node=s.tree.committee, role=Role.COMMUNITY_OFFICE
    )
    return {"pk": assignment.pk}


ROWS: dict[str, Row] = {
    # The project's own URLs
    "home": Row(anonymous=REDIRECT, outsider=REDIRECT, lacking=REDIRECT, allowed=REDIRECT),
    "login": Row(**EVERYONE),
    "logout": Row(
        method="post", anonymous=REDIRECT, outsider=REDIRECT, lacking=REDIRECT, allowed=REDIRECT
    ),
    "password_change": Row(**NOT_SCOPED),
    "password_change_done": Row(**NOT_SCOPED),
    "floor": Row(**NOT_SCOPED),  # the benchmark's baseline page (dajiwei/views.py)
    # The tree
    "organizations:navigator": Row(**NOT_SCOPED),
    "organizations:node": Row(on("committee"), lacking=200),
    "organizations:node_create": Row(on("committee")),
    "organizations:node_update": Row(on("committee")),
    "organizations:node_map": Row(on("grid"), lacking=200),
    # Party members
    "organizations:member_list": Row(on("committee")),
    "organizations:member_create": Row(on("committee")),
    "organizations:member": Row(obj("member")),
    "organizations:member_update": Row(obj("member")),
    "organizations:member_reveal": Row(obj("member"), method="post"),
    # Member units
    "organizations:unit_list": Row(on("committee")),
    "organizations:unit_create": Row(on("committee")),
    "organizations:unit": Row(obj("unit"), lacking=200),
    "organizations:unit_update": Row(obj("unit")),
    "organizations:unit_link": Row(obj("unit")),
    # Households and service recipients
    "organizations:household_list": Row(on("committee")),
    "organizations:household_create": Row(on("building")),
    "organizations:household_update": Row(obj("household")),
    "organizations:recipient_list": Row(on("grid")),
    "organizations:recipient_create": Row(on("grid")),
    "organizations:recipient_update": Row(obj("recipient")),
    # Posts
    "organizations:post_start": Row(on("committee")),
    "organizations:post_end": Row(obj("post")),
    # Roles
    "organizations:node_roles": Row(on("committee")),
    "organizations:role_grant": Row(on("committee")),
    "organizations:role_end": Row(direct_role, method="post", allowed=REDIRECT),
    # The audit log: district staff only, wherever the others stand
    "organizations:audit": Row(
        outsider=403, lacking=403, allowed_role=(Role.DISTRICT_STAFF, "district")
    ),
    # For residents
    "organizations:public_grid": Row(lambda s: {"public_id": s.tree.grid.public_id}, **EVERYONE),
}
