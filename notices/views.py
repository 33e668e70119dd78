"""The inbox, and a long job's progress and result (htmx-polled partial)."""

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from organizations.access import LoggedInMixin

from . import actions, selectors


class InboxView(LoggedInMixin, ListView):
    """Every logged-in user sees their own notifications."""

    template_name = "notices/inbox.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return selectors.inbox(self.request.user)


class ReadView(LoggedInMixin, View):
    """POST: mark one notification read and go to its link (a local one only)."""

    def post(self, request, pk):
        n = actions.notification_read(actor=request.user, pk=pk)
        if n is None:
            raise Http404
        target = n.url
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("notices:inbox")
        return HttpResponseRedirect(target)


class ReadAllView(LoggedInMixin, View):
    def post(self, request):
        actions.notifications_read_all(actor=request.user)
        return HttpResponseRedirect(reverse("notices:inbox"))


class JobProgressView(LoggedInMixin, View):
    """The progress partial; htmx polls it until the job is finished."""

    def get(self, request, pk):
        job = selectors.job_for(request.user, pk)
        return render(request, "notices/job_progress.html", {"job": job})


class JobResultView(LoggedInMixin, View):
    """The job's result file, served only to who may follow the job (never from static)."""

    def get(self, request, pk):
        job = selectors.job_for(request.user, pk)
        if not job.result:
            raise Http404
        name = job.result.name.rsplit("/", 1)[-1]
        return FileResponse(job.result.open("rb"), as_attachment=True, filename=name)
