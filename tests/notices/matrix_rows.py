"""Permission-matrix rows of notices: the inbox is the user's own; a job is its actor's and
its node's staff's (VIEW_ROSTER) — anyone else gets 404."""

from django.core.files.base import ContentFile

from notices.models import JobRun, Notification
from organizations.models import Role
from tests.factories import UserFactory
from tests.matrix import NOT_SCOPED, REDIRECT, Row

OWN = {"outsider": 404, "lacking": 404, "allowed": 404}


def someone_elses_notification(s):
    n = Notification.objects.create(user=UserFactory(), key="k", subject="提醒")
    return {"pk": n.pk}


def job(s, *, result=False):
    j = JobRun.objects.create(
        actor=UserFactory(), kind="report", task_name="t", node=s.tree.committee
    )
    if result:
        j.result.save("report.pdf", ContentFile(b"%PDF-1.4"), save=False)
        j.status = JobRun.Status.DONE
        j.save()
    return {"pk": j.pk}


STAFF = (Role.COMMUNITY_OFFICE, "committee")

ROWS = {
    "notices:inbox": Row(**NOT_SCOPED),
    # only the owner: for every other user the notification does not exist
    "notices:read": Row(someone_elses_notification, method="post", **OWN),
    "notices:read_all": Row(method="post", outsider=REDIRECT, lacking=REDIRECT, allowed=REDIRECT),
    "notices:job": Row(job, lacking=404, allowed_role=STAFF),
    "notices:job_result": Row(lambda s: job(s, result=True), lacking=404, allowed_role=STAFF),
}
