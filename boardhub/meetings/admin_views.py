"""The officers' "Who is coming" pages: upcoming meetings with their counts, and for each
meeting who is coming, how, and the support they asked for, with "arranged" ticks and a
download for the venue. Only for officers with support.ARRANGE_SUPPORT."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log

from . import support
from .models import MeetingPage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_organiser(user):
    if not user.has_perm(support.ARRANGE_SUPPORT):
        raise PermissionDenied


def upcoming(request):
    require_organiser(request.user)
    meetings = MeetingPage.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:50]
    rows = [(meeting, support.counts(meeting)) for meeting in meetings]
    return TemplateResponse(
        request,
        "meetings/admin/upcoming.html",
        {"rows": rows, "header_title": "Who is coming", "page_title": "Who is coming"},
    )


def who_is_coming(request, meeting_id):
    require_organiser(request.user)
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    log(meeting, support.VIEWED, user=request.user)
    context = {
        "meeting": meeting,
        "rsvps": support.who_is_coming(meeting),
        "counts": support.counts(meeting),
        "started": meeting.starts_at <= timezone.now(),
        "header_title": f"Who is coming: {meeting.title}",
        "page_title": f"Who is coming: {meeting.title}",
    }
    return TemplateResponse(request, "meetings/admin/who_is_coming.html", context)


@require_POST
def arrange(request, meeting_id):
    require_organiser(request.user)
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    ticked = {int(pk) for pk in request.POST.getlist("arranged") if pk.isdigit()}
    shown = {int(pk) for pk in request.POST.getlist("shown") if pk.isdigit()}
    made = support.set_arranged(meeting, ticked, True, request.user)
    unmade = support.set_arranged(meeting, shown - ticked, False, request.user)
    messages.success(request, f"Saved: {made} ticked as arranged, {unmade} not arranged.")
    return redirect(reverse("meetings_support:meeting", args=[meeting.pk]))


@require_POST
def attendance(request, meeting_id):
    require_organiser(request.user)
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    came = {int(pk) for pk in request.POST.getlist("came") if pk.isdigit()}
    shown = {int(pk) for pk in request.POST.getlist("answered") if pk.isdigit()}
    try:
        total = support.record_attendance(meeting, came, shown, request.user)
    except ValueError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Saved: {total} member{'s' if total != 1 else ''} came.")
    return redirect(reverse("meetings_support:meeting", args=[meeting.pk]) + "#who-came")


def download(request, meeting_id):
    require_organiser(request.user)
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    response = HttpResponse(support.support_workbook(meeting, request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="who-is-coming-{meeting.slug}.xlsx"'
    return response
