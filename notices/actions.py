"""Writes of the notices app: marking a user's own notifications read."""

from django.db import transaction
from django.utils import timezone

from .models import Notification


@transaction.atomic
def notification_read(*, actor, pk: int) -> Notification | None:
    """Mark one of the actor's own notifications read; None if it is not theirs."""
    n = Notification.objects.filter(user=actor, pk=pk).first()
    if n is None:
        return None
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return n


@transaction.atomic
def notifications_read_all(*, actor) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
