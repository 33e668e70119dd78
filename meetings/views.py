"""Theme party day pages; every one stands on organizations.access."""

from __future__ import annotations

import datetime

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from icalendar import Calendar, Event

from organizations import access
from organizations import rules as org_rules
from organizations.forms import add_action_errors
from organizations.models import OrgNode
from organizations.views.base import (
    ActionFormView,
    BreadcrumbsMixin,
    RequireKindMixin,
    client_ip,
)
from oversight import cache as dashboard_cache  # the board is one of the oversight pages

from . import actions, selectors
from .forms import AttendanceForm, CancelForm, InviteForm, MinutesForm, PhotoForm, ThemeDayForm
from .models import Attendance, CalendarFeed, Photo, State, ThemeDay


class NodeOfMeeting:
    def crumb_node(self):
        obj = self.object
        if isinstance(obj, OrgNode):
            return obj
        if isinstance(obj, Attendance):
            return obj.theme_day.committee
        return obj.committee  # a theme party day or a committee meeting


class ThemeDayListView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, ListView):
    kinds = (org_rules.COMMITTEE,)
    template_name = "meetings/list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.theme_days_of(
            self.request.user, self.object, self.request.GET.get("month")
        )

    def get_context_data(self, **kwargs):
        kwargs["node"] = self.object
        kwargs["month"] = self.request.GET.get("month", "")
        kwargs["may_run"] = access.holds(self.request.user, access.RUN_MEETINGS, self.object)
        if kwargs["may_run"]:
            feed = actions.feed_for_committee(self.object)
            kwargs["feed_url"] = self.request.build_absolute_uri(
                reverse("meetings:ical_committee", args=[feed.token])
            )
        return super().get_context_data(**kwargs)


class ThemeDayScoped(NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = ThemeDay.objects.select_related("committee")


class ThemeDayCreateView(RequireKindMixin, NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    kinds = (org_rules.COMMITTEE,)
    form_class = ThemeDayForm
    title = _("Schedule a theme party day")
    success_message = _("The theme party day has been scheduled.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "members": selectors.community_members(self.object),
        }

    def perform(self, form):
        return actions.theme_day_create(
            actor=self.actor, committee=self.object, ip=self.ip, **form.cleaned_data
        )


class ThemeDayUpdateView(ThemeDayScoped):
    form_class = ThemeDayForm
    title = _("Edit the theme party day")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        import copy

        return {
            **super().get_form_kwargs(),
            "instance": copy.copy(self.object),
            "members": selectors.community_members(self.object.committee),
        }

    def perform(self, form):
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        return actions.theme_day_update(
            actor=self.actor, theme_day=self.object, ip=self.ip, **changes
        )


class MinutesView(ThemeDayScoped):
    form_class = MinutesForm
    title = _("Minutes")
    success_message = _("Your changes have been saved.")

    def get_initial(self):
        return {"minutes": self.object.minutes}

    def perform(self, form):
        return actions.theme_day_update(
            actor=self.actor, theme_day=self.object, ip=self.ip, **form.cleaned_data
        )


class CancelView(ThemeDayScoped):
    form_class = CancelForm
    title = _("Cancel the theme party day")
    success_message = _("The theme party day has been cancelled.")

    def perform(self, form):
        return actions.theme_day_cancel(
            actor=self.actor, theme_day=self.object, ip=self.ip, **form.cleaned_data
        )


class InviteView(ThemeDayScoped):
    form_class = InviteForm
    title = _("Invite a party member")
    success_message = _("The party member has been invited.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "members": selectors.community_members(self.object.committee).order_by("name"),
        }

    def perform(self, form):
        actions.invite(actor=self.actor, theme_day=self.object, ip=self.ip, **form.cleaned_data)
        return self.object


class AttendanceEditView(NodeOfMeeting, ActionFormView):
    permission = access.RUN_MEETINGS
    scope_queryset = Attendance.objects.select_related("theme_day__committee", "member")
    form_class = AttendanceForm
    title = _("Leave and make-up session")
    success_message = _("Your changes have been saved.")

    def get_form_kwargs(self):
        import copy

        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def perform(self, form):
        return actions.attendance_update(
            actor=self.actor, attendance=self.object, ip=self.ip, **form.cleaned_data
        )


class PhotoAddView(ThemeDayScoped):
    form_class = PhotoForm
    title = _("Add a photo")
    success_message = _("The photo has been added.")

    def perform(self, form):
        actions.photo_add(
            actor=self.actor,
            theme_day=self.object,
            upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
            ip=self.ip,
        )
        return self.object


class PostActionView(access.ScopedMixin, View):
    """A button: POST runs the action, then back to the meeting page with any error shown."""

    permission = access.RUN_MEETINGS
    scope_queryset = ThemeDay.objects.select_related("committee")
    success_message = ""

    def run(self, request):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.run(request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class MarkHeldView(PostActionView):
    success_message = _("The theme party day is marked as held.")

    def run(self, request):
        actions.theme_day_mark_held(
            actor=request.user, theme_day=self.object, ip=client_ip(request)
        )


class CloseView(PostActionView):
    success_message = _("The theme party day has been closed.")

    def run(self, request):
        actions.theme_day_close(actor=request.user, theme_day=self.object, ip=client_ip(request))


class TickView(PostActionView):
    success_message = _("The attendance has been recorded.")

    def run(self, request):
        actions.attendance_tick(
            actor=request.user,
            theme_day=self.object,
            present_ids=[v for v in request.POST.getlist("present") if v.isdigit()],
            ip=client_ip(request),
        )


class ThemeDayDetailView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, DetailView):
    template_name = "meetings/detail.html"
    scope_queryset = ThemeDay.objects.select_related("committee", "organiser")

    def get_context_data(self, **kwargs):
        may_run = access.holds(self.request.user, access.RUN_MEETINGS, self.object.committee)
        kwargs.update(
            may_run=may_run,
            attendance=selectors.attendance_of(self.object),
            photos=self.object.photos.all(),
            open=self.object.state in (State.SCHEDULED, State.HELD),
        )
        if may_run:
            kwargs["checkin_url"] = self.request.build_absolute_uri(checkin_path(self.object))
        return super().get_context_data(**kwargs)


def checkin_path(theme_day: ThemeDay) -> str:
    return reverse("meetings:check_in", args=[theme_day.pk, theme_day.checkin_token])


class QrView(access.ScopedMixin, View):
    """The check-in QR code (SVG), printable from the meeting page; it carries the token."""

    permission = access.RUN_MEETINGS
    scope_queryset = ThemeDay.objects.all()

    def get(self, request, *args, **kwargs):
        qr = segno.make(request.build_absolute_uri(checkin_path(self.object)), error="m")
        # A file of its own for an <img>: it needs the SVG namespace, which svg_inline() leaves
        # out (without it the browser shows a broken image).
        response = HttpResponse(content_type="image/svg+xml")
        qr.save(response, kind="svg", scale=6, xmldecl=False)
        return response


class CheckInView(NodeOfMeeting, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    """The page the QR code opens: a logged-in party member confirms their check-in."""

    template_name = "meetings/check_in.html"
    scope_queryset = ThemeDay.objects.select_related("committee")

    def load_object(self, request, kwargs):
        obj = super().load_object(request, kwargs)
        if kwargs["token"] != obj.checkin_token:
            raise Http404
        return obj

    def get_context_data(self, **kwargs):
        member = selectors.member_of_user(self.request.user)
        kwargs.update(
            object=self.object,
            member=member,
            row=Attendance.objects.filter(theme_day=self.object, member=member).first(),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        try:
            actions.check_in(
                user=request.user,
                theme_day=self.object,
                token=kwargs["token"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.get(request, *args, **kwargs)
        messages.success(request, _("You are checked in."))
        return redirect("meetings:mine")


class PhotoView(access.ScopedMixin, View):
    """A photo, only to those who may see its meeting."""

    scope_queryset = Photo.objects.all()

    def get(self, request, *args, **kwargs):
        image = self.object.image
        try:
            handle = image.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        content_type = "image/png" if image.name.endswith(".png") else "image/jpeg"
        response = FileResponse(handle, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private"
        return response


class MineView(access.LoggedInMixin, TemplateView):
    """The logged-in party member's theme party days and personal calendar feed."""

    template_name = "meetings/mine.html"

    def get_context_data(self, **kwargs):
        member = selectors.member_of_user(self.request.user)
        kwargs["member"] = member
        if member is not None:
            kwargs["rows"] = (
                Attendance.objects.filter(member=member)
                .select_related("theme_day__committee")
                .order_by("-theme_day__date")[:100]
            )
            feed = actions.feed_for_member(member)
            kwargs["feed_url"] = self.request.build_absolute_uri(
                reverse("meetings:ical_member", args=[feed.token])
            )
        return super().get_context_data(**kwargs)


# ---------------------------------------------------------------------------------------------
# iCal: calendar apps cannot log in, so the URL's token is the key; a wrong one is a 404.


def _calendar(name: str, theme_days) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//dajiwei//theme party days//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    tz = timezone.get_default_timezone()
    for day in theme_days:
        event = Event()
        event.add("uid", f"theme-day-{day.pk}@dajiwei")
        start = datetime.datetime.combine(day.date, day.start_time, tzinfo=tz)
        event.add("dtstart", start)
        end = (
            datetime.datetime.combine(day.date, day.end_time, tzinfo=tz)
            if day.end_time
            else (start + datetime.timedelta(hours=2))
        )
        event.add("dtend", end)
        event.add("summary", f"{day.form_label}: {day.topic}")
        event.add("location", day.place)
        if day.state == State.CANCELLED:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def committee_feed(request, token):
    feed = CalendarFeed.objects.filter(token=token, committee__isnull=False).first()
    if feed is None:
        raise Http404
    days = ThemeDay.objects.filter(committee_id=feed.committee_id).order_by("-date")[:200]
    return _calendar(str(feed.committee), days)


def member_feed(request, token):
    feed = CalendarFeed.objects.filter(token=token, member__isnull=False).first()
    if feed is None:
        raise Http404
    days = ThemeDay.objects.filter(attendance__member_id=feed.member_id).order_by("-date")[:200]
    return _calendar(str(_("Theme party days")), days)


# ---------------------------------------------------------------------------------------------
# Compliance board


class BoardHomeView(access.LoggedInMixin, View):
    """To the board of the highest street or district the user can see."""

    def get(self, request):
        roots = access.scope_roots(request.user).filter(kind__lte=org_rules.STREET)
        root = roots.first()
        if root is None:
            raise PermissionDenied
        return redirect("meetings:board", pk=root.pk)


class BoardView(RequireKindMixin, BreadcrumbsMixin, access.ScopedMixin, TemplateView):
    kinds = (org_rules.DISTRICT, org_rules.STREET)
    template_name = "meetings/board.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        kwargs.update(
            node=self.object,
            year=year,
            years=range(today.year - 3, today.year + 2),
            months=range(1, 13),
            rows_html=self.rows_html(year),
        )
        return super().get_context_data(**kwargs)

    def rows_html(self, year: int) -> str:
        """The board's rows, rendered. Like the dashboards' tables (ADR 0007) they are the same
        for everyone who sees the whole scope, and are cached under the dashboards' generation,
        which every write of a theme party day or an organisation renews."""
        user, node = self.request.user, self.object

        def render():
            rows = selectors.board(user, node, year)
            return render_to_string("meetings/_board_rows.html", {"rows": rows}, self.request)

        if not access.holds(user, access.VIEW, node):
            return mark_safe(render())
        key = dashboard_cache.key("board", node.pk, year)
        return mark_safe(dashboard_cache.get_or_build(key, lambda: str(render())))  # escaped


__all__ = ["add_action_errors"]
