"""The 二(六) pages: the notice is uploaded on the post, the decision goes to the street."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.models import Filing, Removal
from organizations.models import Role
from tests.elections.matrix_rows_removal import part_time_post
from tests.organizations.web import log_in


class Scene:
    pass


def test_a_secretary_records_the_notice_and_the_decision(
    tree, role_user, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    s = Scene()
    s.tree = tree
    post = part_time_post(s)
    log_in(client, role_user(Role.COMMUNITY_SECRETARY, tree.committee))
    bad = client.post(
        reverse("elections:removal_start", args=[post.pk]),
        {
            "notice": SimpleUploadedFile("n.pdf", b"not a pdf"),
            "notice_on": "2026-11-01",
            "reason": "调动",
        },
    )
    assert bad.status_code == 200 and not Removal.objects.exists()
    assert "调动" in bad.content.decode()  # what was typed is kept
    good = client.post(
        reverse("elections:removal_start", args=[post.pk]),
        {
            "notice": SimpleUploadedFile("n.pdf", b"%PDF-1.4 notice"),
            "notice_on": "2026-11-01",
            "reason": "调动",
        },
    )
    removal = Removal.objects.get()
    assert good.url == reverse("elections:removal_decide", args=[removal.pk])
    client.post(
        reverse("elections:removal_decide", args=[removal.pk]),
        {
            "decision_ref": "幸福社区大党委〔2026〕5号",
            "decided_on": datetime.date(2026, 11, 5).isoformat(),
        },
    )
    assert Filing.objects.get(removal=removal).addressee == tree.street
