"""Committee meetings and the register of resolutions (M2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from organizations import access
from organizations import rules as org_rules
from organizations.views.base import (
    ActionFormView,
    BreadcrumbsMixin,
    RequireKindMixin,
    client_ip,
)

from . import actions, rules
from .forms import CommitteeMeetingForm, ResolutionForm
from .models import CommitteeMeeting, Resolution
from .views import NodeOfMeeting


class CommitteeMeetingListView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, ListView):
    kinds = (org_rules.COMMITTEE,)
    template_name = "meetings/committee_meeting_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            access.visible(
                self.request.user, CommitteeMeeting.objects.filter(committee=self.object)
            )
            .annotate(
                present_count=Count("present", distinct=True),
                resolution_count=Count("resolutions", distinct=True),
            )
            .order_by("-date", "-start_time", "-pk")
        )

    def get_context_data(self, **kwargs):
        kwargs["node"] = self.object
        kwargs["may_run"] = access.holds(self.request.user, access.RUN_MEETINGS, self.object)
        return super().get_context_data(**kwargs)


class CommitteeMeetingCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = CommitteeMeetingForm
    title = _("Set a committee meeting")
    success_message = _("The committee meeting has been set.")

    def perform(self, form):
        return actions.committee_meeting_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class CommitteeMeetingDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/committee_meeting.html"
    scope_queryset = CommitteeMeeting.objects.select_related("committee")

    def get_context_data(self, **kwargs):
        meeting = self.object
        present = set(meeting.present.values_list("pk", flat=True))
        kwargs.update(
            may_run=access.holds(self.request.user, access.RUN_MEETINGS, meeting.committee),
            members=actions.committee_members(meeting.committee),
            present_ids=present,
            quorum=rules.quorum_met(len(present), meeting.members_total),
            resolutions=meeting.resolutions.all(),
        )
        return super().get_context_data(**kwargs)


class CommitteeAttendanceView(access.ScopedMixin, View):
    permission = access.RUN_MEETINGS
    scope_queryset = CommitteeMeeting.objects.select_related("committee")

    def post(self, request, *args, **kwargs):
        actions.committee_meeting_attendance(
            actor=request.user,
            meeting=self.object,
            present_ids=[v for v in request.POST.getlist("present") if v.isdigit()],
            minutes=request.POST.get("minutes"),
            ip=client_ip(request),
        )
        messages.success(request, _("The attendance has been recorded."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ResolutionCreateView(NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = CommitteeMeeting.objects.select_related("committee")
    form_class = ResolutionForm
    title = _("Record a resolution")
    success_message = _("The resolution has been recorded.")

    def perform(self, form):
        actions.resolution_record(
            actor=self.actor, meeting=self.object, ip=self.ip, **form.cleaned_data
        )
        return self.object


class ResolutionRegisterView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, ListView):
    """The committee's register of resolutions, searchable by number, title and text."""

    kinds = (org_rules.COMMITTEE,)
    template_name = "meetings/resolution_register.html"
    paginate_by = 50

    def get_queryset(self):
        rows = access.visible(
            self.request.user, Resolution.objects.filter(meeting__committee=self.object)
        ).select_related("meeting")
        query = self.request.GET.get("q", "").strip()
        if query:
            rows = rows.filter(
                Q(number__icontains=query) | Q(title__icontains=query) | Q(text__icontains=query)
            )
        return rows.order_by("-meeting__date", "-pk")

    def get_context_data(self, **kwargs):
        kwargs["node"] = self.object
        kwargs["q"] = self.request.GET.get("q", "")
        return super().get_context_data(**kwargs)


__all__ = ["ValidationError"]
