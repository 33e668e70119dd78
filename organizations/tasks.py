"""Background work of the organisation app: importing a large roster workbook (a notices job).

The uploaded file waits in the default storage under imports/ and is removed when the job
ends. A second delivery of the task finds the job finished (claim_job) and does nothing.
"""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import imports
from .models import OrgNode

IMPORT_TASK = "organizations.roster_import"


def import_kind(roster: imports.Roster) -> str:
    """The JobRun kind of an import, by roster: the page finds its own jobs with it."""
    return f"{IMPORT_TASK}.{roster.slug}"


@shared_task(name=IMPORT_TASK)
def roster_import(
    *, job_id: int, node_id: int, roster: str, actor_id: int, path: str, filename: str = "", ip=None
) -> bool:
    from notices.api import claim_job

    job = claim_job(job_id)
    if job is None:
        return False
    try:
        with default_storage.open(path, "rb") as upload:
            data = upload.read()
        actor = get_user_model().objects.get(pk=actor_id)
        node = OrgNode.objects.get(pk=node_id)
        spec = imports.ROSTERS[roster]
        job.advance(done=0, total=1)
        try:
            outcome = imports.roster_import(
                actor=actor,
                node=node,
                roster=spec,
                data=data,
                filename=filename,
                ip=ip,
                progress=lambda done, total: job.advance(done=done, total=total),
            )
        except imports.FileProblem as problem:
            job.fail(str(problem))
            return False
        if outcome.errors:
            job.result.save(
                f"import-problems-{job.pk}.xlsx",
                ContentFile(imports.error_workbook(outcome.errors)),
                save=True,
            )
            job.fail(
                ngettext(
                    "%(count)d problem found; nothing was imported. Please download the "
                    "report, correct the file and send it again.",
                    "%(count)d problems found; nothing was imported. Please download the "
                    "report, correct the file and send it again.",
                    len(outcome.errors),
                )
                % {"count": len(outcome.errors)}
            )
            return False
        job.finish(
            url=reverse(f"organizations:{_list_url(spec)}", args=[node.pk]),
        )
        return True
    except Exception as error:  # the page shows the failure; the log keeps the trace
        job.fail(_("The import failed: %(error)s") % {"error": str(error)[:400]})
        raise
    finally:
        default_storage.delete(path)


def _list_url(spec: imports.Roster) -> str:
    return {
        "members": "member_list",
        "units": "unit_list",
        "households": "household_list",
        "recipients": "recipient_list",
    }[spec.slug]
