"""Celery tasks of notices: the outbox sweep and notification email. Idempotent."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import Notification

log = logging.getLogger(__name__)


@shared_task(name="notices.sweep_outbox")
def sweep_outbox() -> int:
    """Send the task calls that waited in the outbox while the broker was down."""
    return outbox.sweep()


@shared_task(
    name="notices.send_notification_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    max_retries=3,
)
def send_notification_email(*, notification_id: int) -> bool:
    """Email one notification once (emailed_at is set under a row lock)."""
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if n is None or not n.user.email:
            return False
        body = n.body
        if n.url:
            body = f"{body}\n\n{n.url}" if body else n.url
        send_mail(n.subject, body, settings.DEFAULT_FROM_EMAIL, [n.user.email])
        n.emailed_at = timezone.now()
        n.save(update_fields=["emailed_at"])
    return True
