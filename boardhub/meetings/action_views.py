"""The public action log: the "Actions" page with its filters and totals, each partner's page,
and the open data (CSV and JSON, streamed). Only actions from live public meetings; nothing
about a person: partners are organisations and roles."""

import csv
import json

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from boardhub.core.spreadsheets import neutralise
from boardhub.core.widgets import Select
from boardhub.impact.opendata import Echo

from .models import Action, ActionStatus, Partner
from .models.actions_page import totals

PER_PAGE = 20
OVERDUE = "overdue"
CHUNK_SIZE = 500


class ActionFilterForm(forms.Form):
    # boardhub.core.widgets.Select: the meetings can be hundreds of options.
    owner = forms.ChoiceField(label="Who owns it", required=False, widget=Select)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), (OVERDUE, "Overdue"), *ActionStatus.choices],
        widget=Select,
    )
    year = forms.TypedChoiceField(
        label="Year promised", required=False, coerce=int, empty_value=None, widget=Select
    )
    meeting = forms.TypedChoiceField(
        label="Meeting", required=False, coerce=int, empty_value=None, widget=Select
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Anyone")] + list(
            Partner.objects.filter(actions__in=actions).distinct().values_list("slug", "name")
        )
        years = sorted({d.year for d in actions.dates("meeting__starts_at", "year")}, reverse=True)
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]
        meetings = (
            actions.order_by("-meeting__starts_at")
            .values_list("meeting_id", "meeting__title")
            .distinct()
        )
        self.fields["meeting"].choices = [("", "Any meeting")] + list(meetings)

    def filter(self, actions, today):
        if not self.is_valid():
            return actions
        data = self.cleaned_data
        if data["owner"]:
            actions = actions.filter(owner__slug=data["owner"])
        if data["status"] == OVERDUE:
            actions = actions.overdue(today)
        elif data["status"]:
            actions = actions.filter(status=data["status"])
        if data["year"]:
            actions = actions.filter(meeting__starts_at__year=data["year"])
        if data["meeting"]:
            actions = actions.filter(meeting_id=data["meeting"])
        return actions


def public_actions():
    return Action.objects.public().select_related("owner", "meeting")


def actions_index(page, request):
    today = timezone.localdate()
    actions = public_actions()
    form = ActionFilterForm(request.GET or None, actions=actions)
    chosen = form.filter(actions, today).with_timeliness(today).order_by("due_on", "pk")
    chosen = chosen.prefetch_related("updates")
    listing = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    context = page.get_context(request)
    context.update(
        filter_form=form,
        actions=listing,
        totals=totals(chosen.order_by(), today),
        is_filtered=form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
    )
    return TemplateResponse(request, "meetings/actions_page.html", context)


def partner_page(page, request, slug):
    partner = get_object_or_404(Partner, slug=slug)
    today = timezone.localdate()
    actions = public_actions().filter(owner=partner)
    context = page.get_context(request)
    listed = actions.with_timeliness(today).prefetch_related("updates").order_by("-due_on", "pk")
    context.update(
        partner=partner,
        actions=Paginator(listed, PER_PAGE).get_page(request.GET.get("page")),
        totals=totals(actions.order_by(), today),
    )
    return TemplateResponse(request, "meetings/partner_page.html", context)


COLUMNS = [
    "id",
    "promise",
    "owner",
    "owner_role",
    "meeting",
    "meeting_date",
    "due_on",
    "status",
    "overdue",
    "done_on",
    "dropped_reason",
    "url",
]


def open_data_rows(page, request):
    today = timezone.localdate()
    base = page.get_full_url(request)
    rows = (
        public_actions()
        .order_by("pk")
        .values_list(
            "pk",
            "promise",
            "owner__name",
            "owner__role",
            "meeting__title",
            "meeting__starts_at",
            "due_on",
            "status",
            "done_on",
            "dropped_reason",
            "meeting__url_path",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for pk, promise, owner, role, meeting, starts, due, status, done, reason, __ in rows:
        finished = status in (ActionStatus.DONE, ActionStatus.DROPPED)
        yield {
            "id": pk,
            "promise": promise,
            "owner": owner,
            "owner_role": role,
            "meeting": meeting,
            "meeting_date": timezone.localdate(starts).isoformat(),
            "due_on": due.isoformat(),
            "status": ActionStatus(status).label,
            "overdue": not finished and due < today,
            "done_on": done.isoformat() if done else None,
            "dropped_reason": reason if status == ActionStatus.DROPPED else "",
            "url": base,
        }


def csv_lines(rows):
    writer = csv.writer(Echo())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([neutralise("" if row[c] is None else row[c]) for c in COLUMNS])


def json_chunks(rows):
    yield '{"actions": ['
    for number, row in enumerate(rows):
        yield ("," if number else "") + json.dumps(row, ensure_ascii=False)
    yield "]}"


def open_data(page, request, extension):
    if extension not in ("csv", "json"):
        raise Http404
    rows = open_data_rows(page, request)
    if extension == "csv":
        content, content_type = csv_lines(rows), "text/csv; charset=utf-8"
    else:
        content, content_type = json_chunks(rows), "application/json"
    response = StreamingHttpResponse(content, content_type=content_type)
    name = f"board-actions-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
