"""Drop-in sessions in the admin: the list of sessions, opening one, and a session's page with
how many people it heard from and each of their responses.

Every person heard at a session is a response of their own, recorded from the session's page
(recording.py), which fills in the channel, the date and the place. Only the feedback groups
see sessions; a session's page lists only the responses the officer may read (responses
flagged for safeguarding only for the safeguarding group) and counts every one of them, in a
fixed number of queries however many there are.
"""

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import log_actions
from wagtail.admin import messages

from . import handling
from .models import DropInSession
from .recording import SESSION_OPENED, handlers_only
from .recording_forms import DropInSessionForm
from .viewsets import channel_label

SESSIONS_PER_PAGE = 50
RESPONSES_PER_PAGE = 100


@handlers_only
def sessions_view(request):
    sessions = DropInSession.objects.annotate(heard_from=Count("records")).order_by(
        "-held_on", "-pk"
    )
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "feedback/recording/sessions.html",
        {
            "page_title": "Drop-in sessions",
            "header_title": "Drop-in sessions",
            "sessions": page,
            "open_url": reverse("feedback:open_session"),
        },
    )


@handlers_only
def open_session_view(request):
    form = DropInSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            session = form.save(commit=False)
            session.opened_by = request.user
            session.save()
            log_actions.log(session, SESSION_OPENED, user=request.user)
        messages.success(
            request, f"Session “{session}” is open. Record each person's response from it."
        )
        return redirect("feedback:session", session.pk)
    return TemplateResponse(
        request,
        "feedback/recording/open_session.html",
        {"page_title": "Open a session", "header_title": "Open a session", "form": form},
        status=400 if form.errors else 200,
    )


@handlers_only
def session_view(request, pk):
    session = get_object_or_404(DropInSession.objects.select_related("opened_by"), pk=pk)
    responses = (
        handling.feedback_for_user(request.user)
        .filter(offline_record__session=session)
        .select_related("page", "offline_record")
        .order_by("offline_record__recorded_at", "pk")
    )
    heard_from = session.records.count()
    page = Paginator(responses, RESPONSES_PER_PAGE).get_page(request.GET.get("p"))
    rows = [
        {
            "reference": str(feedback),
            "url": reverse("feedback:inspect", args=[feedback.pk]),
            "about": feedback.page.title,
            "channel": channel_label(feedback),
            "status": feedback.get_status_display(),
            "supported_by": feedback.offline_record.supported_by,
        }
        for feedback in page
    ]
    return TemplateResponse(
        request,
        "feedback/recording/session.html",
        {
            "page_title": str(session),
            "header_title": str(session),
            "session": session,
            "heard_from": heard_from,
            "hidden": heard_from - page.paginator.count,
            "rows": rows,
            "responses": page,
            "record_url": f"{reverse('feedback:record')}?session={session.pk}",
            "triage_url": f"{reverse('feedback:index')}?session={session.pk}",
        },
    )
