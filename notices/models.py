"""Notifications, the outbox of tasks not yet handed to the broker, and long jobs' progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One in-app message to one user; `key` makes a reminder sent twice stored once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    node = models.ForeignKey(
        "organizations.OrgNode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notices_notification_user_key")
        ]
        indexes = [
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notices_unread_idx"
            )
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.subject


class Outbox(models.Model):
    """A task call waiting to be handed to the broker; `sent_at` is set once it was."""

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # The same key is pending at most once.
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(sent_at__isnull=True, key__isnull=False),
                name="notices_outbox_pending_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="notices_pending_idx"
            )
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk}"


def _job_upload_to(job, filename):
    return f"jobs/{job.created_at:%Y/%m}/{job.pk}/{filename}"


class JobRun(models.Model):
    """A long job (a batch of PDFs, an import) and its progress, shown where it was started."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # None for a job started by the schedule rather than by a person.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_runs",
    )
    kind = models.CharField(_("kind"), max_length=100)
    task_name = models.CharField(max_length=200)
    node = models.ForeignKey(
        "organizations.OrgNode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.FileField(upload_to=_job_upload_to, blank=True, max_length=300)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def advance(self, step: int = 1, *, done: int | None = None, total: int | None = None):
        """Report progress: `step` more items done (or set `done`/`total` outright)."""
        from . import jobs

        jobs.advance(self, step=step, done=done, total=total)

    def finish(self, result_file=None, *, filename: str = "result", url: str = ""):
        """Mark done with a result: bytes or a File stored under MEDIA, or a URL to show."""
        from . import jobs

        jobs.finish(self, result_file=result_file, filename=filename, url=url)

    def fail(self, message: str = ""):
        from . import jobs

        jobs.fail(self, message=message)
