"""The audit log search, for district staff (the view_audit permission)."""

from __future__ import annotations

from django.views.generic import ListView

from organizations import access, selectors
from organizations.filters import AuditFilter


class AuditLogView(access.LoggedInMixin, ListView):
    required_permission = access.VIEW_AUDIT
    template_name = "organizations/audit_list.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        self.filterset = AuditFilter(
            self.request.GET or None, queryset=selectors.audit_events(user), user=user
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        kwargs["filter"] = self.filterset
        return super().get_context_data(**kwargs)
