"""Run one entry of CELERY_BEAT_SCHEDULE once, in this process: `manage.py run_job <name>`.

Without a name, list the schedule's entries.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a scheduled job (an entry of CELERY_BEAT_SCHEDULE) once, synchronously."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="the schedule entry's name")

    def handle(self, *args, name=None, **options):
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", {}) or {}
        if not name:
            for entry_name in sorted(schedule):
                entry = schedule[entry_name]
                self.stdout.write(f"{entry_name}\t{entry['task']}\t{entry.get('schedule', '')}")
            return
        if name not in schedule:
            raise CommandError(
                f"No job named {name!r}; known: {', '.join(sorted(schedule)) or '(none)'}"
            )
        entry = schedule[name]
        from dajiwei.celery import app

        app.loader.import_default_modules()
        task_name = entry["task"]
        if task_name not in app.tasks:
            raise CommandError(f"Job {name!r} names the task {task_name!r}, which is not loaded")
        result = app.tasks[task_name].apply(
            args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=True
        )
        self.stdout.write(self.style.SUCCESS(f"{name}: {task_name} → {result.result!r}"))
