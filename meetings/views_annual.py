"""The representatives' annual meeting (M3): the work report, duty reports, anonymous rating."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from notices.api import start_job
from notices.models import JobRun
from organizations import access
from organizations import rules as org_rules
from organizations.views.base import (
    ActionFormView,
    BreadcrumbsMixin,
    RequireKindMixin,
    client_ip,
)

from . import annual, selectors, tasks
from .forms import AnnualMeetingEditForm, AnnualMeetingForm, DutyReportForm, RepresentativesForm
from .models import AnnualMeeting, AnnualState, OfficerReport
from .views import NodeOfMeeting, PostActionView

MEETING = AnnualMeeting.objects.select_related("committee")


class AnnualMeetingListView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, ListView):
    kinds = (org_rules.COMMITTEE,)
    template_name = "meetings/annual_list.html"
    paginate_by = 50

    def get_queryset(self):
        return annual.annual_meetings_of(self.object)

    def get_context_data(self, **kwargs):
        kwargs["node"] = self.object
        kwargs["may_run"] = access.holds(self.request.user, access.RUN_MEETINGS, self.object)
        return super().get_context_data(**kwargs)


class AnnualMeetingCreateView(RequireKindMixin, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = AnnualMeetingForm
    title = _("Schedule the annual meeting")
    success_message = _("The annual meeting has been scheduled.")

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def get_cancel_url(self):
        return reverse("meetings:annual_list", args=[self.object.pk])

    def perform(self, form):
        return annual.annual_meeting_schedule(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class AnnualMeetingDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/annual.html"
    scope_queryset = MEETING

    def get_context_data(self, **kwargs):
        meeting = self.object
        user = self.request.user
        may_run = access.holds(user, access.RUN_MEETINGS, meeting.committee)
        member = selectors.member_of_user(user)
        kwargs.update(
            may_run=may_run,
            officers=annual.officers_with_results(meeting),
            representatives=meeting.representatives.select_related("member"),
            cast_count=meeting.casts.count(),
            is_representative=member is not None
            and meeting.representatives.filter(member=member).exists(),
            closed=meeting.state == AnnualState.CLOSED,
            grades=annual.grade_labels(),
            min_ratings=annual.rules.config("min_ratings"),
        )
        if may_run:
            kwargs["job"] = JobRun.objects.filter(
                node=meeting.committee, kind=tasks.ANNUAL_REPORT, actor=user
            ).first()
        return super().get_context_data(**kwargs)


class AnnualScoped(NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = MEETING


class AnnualMeetingEditView(AnnualScoped):
    form_class = AnnualMeetingEditForm
    title = _("Edit the annual meeting and its work report")
    success_message = _("Your changes have been saved.")

    def get_initial(self):
        meeting = self.object
        return {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "place": meeting.place,
            "work_report": meeting.work_report,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        if not data.get("work_report_file"):
            data.pop("work_report_file", None)
        return annual.annual_meeting_update(
            actor=self.actor, meeting=self.object, ip=self.ip, **data
        )


class RepresentativesView(AnnualScoped):
    form_class = RepresentativesForm
    title = _("Representatives")
    success_message = _("The representatives have been saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "members": selectors.community_members(self.object.committee).order_by("name"),
        }

    def get_initial(self):
        return {"members": list(self.object.representatives.values_list("member_id", flat=True))}

    def perform(self, form):
        annual.representatives_set(
            actor=self.actor,
            meeting=self.object,
            members=form.cleaned_data["members"],
            ip=self.ip,
        )
        return self.object


class DutyReportView(ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = OfficerReport.objects.select_related("meeting__committee", "officer")
    form_class = DutyReportForm
    success_message = _("Your changes have been saved.")

    def crumb_node(self):
        return self.object.meeting.committee

    def get_context_data(self, **kwargs):
        kwargs["title"] = _("Duty report of %(name)s") % {"name": self.object.officer.name}
        return super().get_context_data(**kwargs)

    def get_initial(self):
        return {"report": self.object.report}

    def perform(self, form):
        return annual.officer_report_update(
            actor=self.actor, officer=self.object, ip=self.ip, **form.cleaned_data
        )


class AnnualPostView(PostActionView):
    """A button on the annual meeting's page (the theme party days' PostActionView)."""

    scope_queryset = MEETING


class RatingOpenView(AnnualPostView):
    success_message = _("The rating is open.")

    def run(self, request):
        annual.rating_open(actor=request.user, meeting=self.object, ip=client_ip(request))


class RatingCloseView(AnnualPostView):
    success_message = _("The rating is closed.")

    def run(self, request):
        annual.rating_close(actor=request.user, meeting=self.object, ip=client_ip(request))


class ReportStartView(AnnualPostView):
    """Start the job that (re)generates the 述职评议 report."""

    success_message = _("The report is being prepared.")

    def run(self, request):
        start_job(
            actor=request.user,
            kind=tasks.ANNUAL_REPORT,
            task_name=tasks.ANNUAL_REPORT,
            node=self.object.committee,
            meeting_id=self.object.pk,
        )


def _file(field, filename: str, content_type: str):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


class ReportPdfView(access.ScopedMixin, View):
    scope_queryset = MEETING

    def get(self, request, *args, **kwargs):
        if not self.object.report_pdf:
            raise Http404
        name = f"annual-review-{self.object.committee_id}-{self.object.year}.pdf"
        return _file(self.object.report_pdf, name, "application/pdf")


class WorkReportFileView(access.ScopedMixin, View):
    scope_queryset = MEETING

    def get(self, request, *args, **kwargs):
        upload = self.object.work_report_file
        if not upload:
            raise Http404
        extension = upload.name[upload.name.rfind(".") :].lower()
        content_type = (
            "application/pdf"
            if extension == ".pdf"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        name = f"work-report-{self.object.committee_id}-{self.object.year}{extension}"
        return _file(upload, name, content_type)


class RateView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """The representative's ballot, for a phone: a grade for each officer, sent once.

    A representative may rate without any role on the committee: being invited is enough."""

    template_name = "meetings/annual_rate.html"
    scope_queryset = MEETING

    def load_object(self, request, kwargs):
        invited = MEETING.filter(
            pk=kwargs["pk"], representatives__member__user=request.user
        ).first()
        return invited or super().load_object(request, kwargs)

    def get_context_data(self, **kwargs):
        meeting = self.object
        member = selectors.member_of_user(self.request.user)
        kwargs.update(
            object=meeting,
            officers=meeting.officers.select_related("officer"),
            grades=annual.grade_labels(),
            is_representative=member is not None
            and meeting.representatives.filter(member=member).exists(),
            has_rated=annual.has_rated(meeting, member),
            is_open=meeting.state == AnnualState.RATING,
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        grades = {}
        for name, value in request.POST.items():
            if name.startswith("officer-") and name[8:].isdigit():
                grades[int(name[8:])] = value
        try:
            annual.rate(user=request.user, meeting=self.object, grades=grades)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.get(request, *args, **kwargs)
        messages.success(request, _("Thank you: your rating has been recorded anonymously."))
        return HttpResponseRedirect(reverse("meetings:annual_rate", args=[self.object.pk]))
