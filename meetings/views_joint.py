"""Joint meetings and visits with the member units (M4), training of grid staff (M5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils import timezone
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

from . import joint
from .forms_joint import (
    FIRST_YEAR,
    LAST_YEAR,
    JointMeetingForm,
    JointRecordForm,
    TrainingForm,
    VisitForm,
)
from .models import JointMeeting, Training, Visit
from .views import NodeOfMeeting


class YearListView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, ListView):
    """A committee's records of one year (?year=, this year by default)."""

    kinds = (org_rules.COMMITTEE,)
    paginate_by = 50
    model = None

    def year(self) -> int:
        raw = self.request.GET.get("year", "")
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
            return int(raw)
        return timezone.localdate().year

    def rows(self):
        return access.visible(
            self.request.user, self.model.objects.filter(committee=self.object)
        ).filter(date__year=self.year())

    def get_context_data(self, **kwargs):
        year = self.year()
        kwargs.update(
            node=self.object,
            year=year,
            previous_year=year - 1,
            next_year=year + 1,
            may_run=access.holds(self.request.user, access.RUN_MEETINGS, self.object),
        )
        return super().get_context_data(**kwargs)


class JointMeetingListView(YearListView):
    template_name = "meetings/joint_list.html"
    model = JointMeeting

    def get_queryset(self):
        return (
            self.rows()
            .annotate(
                invited_count=Count("invitations", distinct=True),
                attended_count=Count(
                    "invitations", filter=Q(invitations__attended=True), distinct=True
                ),
            )
            .order_by("-date", "-pk")
        )


class JointMeetingCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = JointMeetingForm
    title = _("Set a joint meeting")
    success_message = _("The joint meeting has been set.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": joint.linked_units(self.object)}

    def perform(self, form):
        return joint.joint_meeting_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class JointMeetingDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/joint_meeting.html"
    scope_queryset = JointMeeting.objects.select_related("committee")

    def get_context_data(self, **kwargs):
        meeting = self.object
        kwargs.update(
            may_run=access.holds(self.request.user, access.RUN_MEETINGS, meeting.committee),
            invitations=meeting.invitations.select_related("unit").prefetch_related("members"),
        )
        return super().get_context_data(**kwargs)


class JointMeetingRecordView(NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = JointMeeting.objects.select_related("committee")
    form_class = JointRecordForm
    title = _("Record the joint meeting")
    success_message = _("The joint meeting has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.object}

    def perform(self, form):
        return joint.joint_meeting_record(
            actor=self.actor,
            meeting=self.object,
            minutes=form.cleaned_data["minutes"],
            resolutions=form.cleaned_data["resolutions"],
            attendance=form.attendance(),
            ip=self.ip,
        )


class VisitListView(YearListView):
    template_name = "meetings/visit_list.html"
    model = Visit

    def get_queryset(self):
        return self.rows().select_related("unit").order_by("-date", "-pk")


class VisitCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = VisitForm
    title = _("Record a visit")
    success_message = _("The visit has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": joint.linked_units(self.object)}

    def perform(self, form):
        return joint.visit_record(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class VisitDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/visit.html"
    scope_queryset = Visit.objects.select_related("committee", "unit")


class TrainingListView(YearListView):
    template_name = "meetings/training_list.html"
    model = Training

    def get_queryset(self):
        return (
            self.rows()
            .annotate(
                invited_count=Count("attendance", distinct=True),
                present_count=Count(
                    "attendance", filter=Q(attendance__present=True), distinct=True
                ),
            )
            .order_by("-date", "-pk")
        )


class TrainingCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = TrainingForm
    title = _("Set a training session")
    success_message = _("The training session has been set.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staff": joint.grid_staff(self.object)}

    def perform(self, form):
        return joint.training_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class TrainingDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/training.html"
    scope_queryset = Training.objects.select_related("committee")

    def get_context_data(self, **kwargs):
        training = self.object
        kwargs.update(
            may_run=access.holds(self.request.user, access.RUN_MEETINGS, training.committee),
            rows=training.attendance.select_related("member"),
        )
        return super().get_context_data(**kwargs)


class TrainingAttendanceView(access.ScopedMixin, View):
    permission = access.RUN_MEETINGS
    scope_queryset = Training.objects.select_related("committee")

    def post(self, request, *args, **kwargs):
        try:
            joint.training_attendance(
                actor=request.user,
                training=self.object,
                present_ids=[v for v in request.POST.getlist("present") if v.isdigit()],
                ip=client_ip(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The attendance has been recorded."))
        return HttpResponseRedirect(self.object.get_absolute_url())
