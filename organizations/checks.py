"""System checks of the project's own settings (run by every manage.py command and the server)."""

from django.conf import settings
from django.core.checks import Error, register

from . import rules


@register()
def audit_retention(app_configs, **kwargs):
    problem = rules.audit_retention_problem(settings.DAJIWEI_SECURITY["audit_retention_months"])
    if problem is None:
        return []
    return [Error(problem, hint="AUDIT_RETENTION_MONTHS", id="dajiwei.E001")]
