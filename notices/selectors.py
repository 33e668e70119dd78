"""Reads: a user's own notifications, and the jobs a user may follow."""

from django.db.models import Q, QuerySet
from django.http import Http404

from organizations import access

from .models import JobRun, Notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def inbox(user) -> QuerySet:
    """The user's own notifications, newest first (no joins needed for the list)."""
    return Notification.objects.filter(user=user).only(
        "pk", "subject", "body", "url", "created_at", "read_at"
    )


def job_for(user, pk: int) -> JobRun:
    """A job its actor may follow, or its node's staff (VIEW_ROSTER, which every staff role and
    no party member or unit contact holds); anyone else: 404."""
    if not user.is_authenticated:
        raise Http404
    visible = Q(actor=user)
    if user.is_superuser:
        visible = Q()
    else:
        visible |= Q(node__isnull=False) & access.scope_q(user, access.VIEW_ROSTER, "node__")
    job = JobRun.objects.filter(visible, pk=pk).first()
    if job is None:
        raise Http404
    return job
