"""Officers' triage of feedback in Wagtail's admin: a listing across consultations with
filters and CSV and XLSX downloads, a page for each response with its history, themes,
internal notes and the actions to take on it, and deleting a response with a reason.

This is the one door to people's answers (Wagtail's own submission views lead here: see
one_door.py). Only feedback handlers see any of it; responses flagged for safeguarding only
the safeguarding group (see handling.feedback_for_user); only feedback deleters delete.
"""

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from boardhub.consultations.models import (
    Channel,
    Feedback,
)
from boardhub.core.permissions import ActionPermissionPolicy
from boardhub.core.spreadsheets import SafeSpreadsheetExportMixin

from . import deleting, handling, quotes, safeguarding_alerts
from .filters import SUGGESTIONS_SHOWN, FeedbackFilterSet, matching_consultations
from .forms import DeletionForm, QuoteForm, ResponseForm, SafeguardingForm
from .response_page import response_sections
from .search import search_responses
from .tell_us import questions_by_page

# Feedback handlers may read responses; nobody adds or edits one (they are people's own words);
# only feedback deleters (and superusers) delete one: see handling.can_delete_feedback.
feedback_permission_policy = ActionPermissionPolicy(
    Feedback,
    requires={
        "view": [handling.HANDLE_FEEDBACK],
        "delete": [handling.HANDLE_FEEDBACK, handling.DELETE_RESPONSES],
    },
)


# Listing


def themes_text(feedback):
    return ", ".join(link.theme.name for link in feedback.theme_links.all())


EXCERPT_LENGTH = 140


def answers_excerpt(feedback, form_fields):
    """The first words of a response's answers, in the order its questions are asked (not the
    order `form_data` comes back in: PostgreSQL's jsonb keeps its own), for the listing (the
    column escapes them)."""
    answers = " · ".join(answer for __, answer in feedback.get_answers(form_fields) if answer)
    return Truncator(answers).chars(EXCERPT_LENGTH)


def channel_label(feedback):
    """How a response reached us, in words ("Online", "Paper form", "Drop-in session"): the one
    place to say so, for the listing, the response's page, the session and the download."""
    return feedback.get_channel_display()


def channel_counts(queryset):
    """[(channel, label, count)] for each channel with responses among `queryset`, in the
    order of Channel: one aggregate query, however many responses there are."""
    ids = queryset.order_by().values("pk")
    totals = Feedback.objects.filter(pk__in=ids).aggregate(
        **{value: Count("pk", filter=Q(channel=value)) for value in Channel.values}
    )
    return [(value, label, totals[value]) for value, label in Channel.choices if totals[value]]


def without_params(url_base, query_dict, *names):
    """`url_base` with the query string of `query_dict` less `names` (and the page number)."""
    query = query_dict.copy()
    for name in (*names, "p", "_w_filter_fragment"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{url_base}?{encoded}" if encoded else url_base


class FeedbackIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The triage listing. Its search box and filters are shown above the results, in a plain
    form that works without JavaScript (Wagtail's own are in a drawer behind an icon, and its
    search box does not submit without JavaScript), with how many responses match and which
    filters are applied, each with a link that takes it off."""

    template_name = "feedback/admin/feedback_index.html"
    results_template_name = "feedback/admin/feedback_index_results.html"
    export_headings = {
        "reference": "Reference",
        "consultation": "Consultation",
        "submit_time": "Sent on",
        "status": "Status",
        "themes": "Themes",
        "answers": "Answers",
        "channel": "Channel",
    }

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="feedback"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"feedback_{instance.pk}_title"
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_responses(queryset, self.search_query)

    def applied_filters(self):
        """(label, value, address without it) for each filter applied, as links."""
        applied = []
        query_dict = self.request.GET
        for active in self.active_filters:
            removed = parse_qs(urlsplit(active.removed_filter_url).query, keep_blank_values=True)
            gone = [name for name in query_dict if name not in removed]
            applied.append(
                (
                    active.field_label,
                    active.value,
                    without_params(self.index_url, query_dict, *gone),
                )
            )
        return applied

    def consultation_suggestions(self):
        """When the consultation typed matches several, the first few to choose from, each
        a link that keeps the other filters; and how many match in all."""
        typed = " ".join(self.request.GET.get("consultation", "").split())
        if not typed or typed.isdigit():
            return None
        matches = matching_consultations(typed).order_by("title")
        shown = list(matches.values("pk", "title")[: SUGGESTIONS_SHOWN + 1])
        if len(shown) == 1:
            return None
        rest = without_params(self.index_url, self.request.GET, "consultation")
        joiner = "&" if "?" in rest else "?"
        return {
            "typed": typed,
            "count": matches.count() if len(shown) > SUGGESTIONS_SHOWN else len(shown),
            "choices": [
                (page["title"], f"{rest}{joiner}consultation={page['pk']}")
                for page in shown[:SUGGESTIONS_SHOWN]
            ],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applied = self.applied_filters() if self.filters else []
        context.update(
            applied_filters=applied,
            filter_count=len({label for label, __, __ in applied}),
            consultation_suggestions=self.consultation_suggestions(),
            channel_counts=self.channel_counts(),
            clear_search_url=without_params(self.index_url, self.request.GET, self.search_kwarg),
        )
        return context

    def channel_counts(self):
        """How many of the responses listed came by each channel, each a link to them."""
        counts = channel_counts(self.object_list)
        rest = without_params(self.index_url, self.request.GET, "channel")
        joiner = "&" if "?" in rest else "?"
        return [(label, count, f"{rest}{joiner}channel={value}") for value, label, count in counts]

    def paginate_queryset(self, queryset, page_size):
        """One page of responses, each with its `excerpt`, from its consultation's questions
        read in one query for the whole page."""
        paginator, page, items, is_paginated = super().paginate_queryset(queryset, page_size)
        items = list(items)
        questions = questions_by_page(items)
        for item in items:
            item.excerpt = answers_excerpt(item, questions.get(item.page_id, []))
        page.object_list = items
        return paginator, page, items, is_paginated

    def get_base_queryset(self):
        return (
            handling.feedback_for_user(self.request.user, super().get_base_queryset())
            .select_related("page")
            .prefetch_related("theme_links__theme")
            .distinct()
        )

    def to_row_dict(self, item):
        form_fields = self._form_fields.get(item.page_id, [])
        answers = "\n".join(
            f"{question}: {answer}" for question, answer in item.get_answers(form_fields)
        )
        return {
            "reference": item.reference or "",
            "consultation": item.page.title,
            "submit_time": item.submit_time,
            "status": item.get_status_display(),
            "themes": themes_text(item),
            "answers": answers,
            "channel": channel_label(item),
        }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The download, with every consultation's questions read in one query."""
        items = list(queryset)
        self._form_fields = questions_by_page(items)  # and the "Tell us" page's
        return super().as_spreadsheet(items, spreadsheet_format)

    def record_export(self, items, export_format):
        handling.record_export(
            [item.pk for item in items], self.request.user, export_format, self.export_filters()
        )

    def get_heading(self, queryset, field):
        return self.export_headings[field]


# One response


def member_name(member):
    return member.get_full_name() or member.get_short_name() or "name not given"


def sender_in_words(feedback):
    """Who sent a response and how, in one sentence for its page: the one place to say so.
    Online, from a signed-in board member or from the public; recorded by an officer, by its
    channel, from whom, with whose support, by whom and when ("Paper form from someone who
    did not give their name, with support from an advocate, Larkfield Advocacy. Recorded by
    Jo Smith on 3 December 2026."). Reads `offline_record` and its `recorded_by` (select them
    with the response) and `reply_contact`."""
    if feedback.channel == Channel.ONLINE:
        if feedback.member_id:
            who = f"a board member, {member_name(feedback.member)} (signed in)"
        else:
            who = "a member of the public (not signed in)"
        return f"Sent {channel_label(feedback).lower()} by {who}."
    contact = getattr(feedback, "reply_contact", None)
    if feedback.member_id:
        who = f"a board member, {member_name(feedback.member)}"
    elif contact is not None and contact.name:
        who = f"{contact.name} (not a board member)"
    else:
        who = "someone who did not give their name"
    words = f"{channel_label(feedback)} from {who}"
    record = getattr(feedback, "offline_record", None)
    if record is None:
        return f"{words}."
    if record.supported_by:
        words += f", with support from {record.supported_by}"
    officer = member_name(record.recorded_by) if record.recorded_by else "an officer who has left"
    when = date_format(timezone.localtime(record.recorded_at), "j F Y")
    return f"{words}. Recorded by {officer} on {when}."


def gathered_in_words(record):
    """(label, value) rows saying how a recorded response was gathered, for its page."""
    rows = [("Gathered on", date_format(record.gathered_on, "j F Y"))]
    if record.gathered_where:
        rows.append(("Where", record.gathered_where))
    if record.session_id:
        rows.append(("Drop-in session", str(record.session)))
    if record.supported_by:
        rows.append(("With support from", record.supported_by))
    return rows


class FeedbackInspectView(InspectView):
    """A response's page: what it says, who sent it, its history, and one form for what the
    officer decides (status and its note, a theme, an internal note). The form posts here, so
    a mistake shows on the page with what was typed kept."""

    template_name = "feedback/admin/feedback_inspect.html"
    fields = []

    def get_object(self, queryset=None):
        return get_object_or_404(
            handling.feedback_for_user(self.request.user).select_related(
                "page",
                "safeguarding_flag",
                "member",
                "offline_record__recorded_by",
                "offline_record__session",
                "reply_contact",
                "quote",
            ),
            pk=self.pk,
        )

    def get_page_title(self):
        return f"Response {self.object}"

    def get(self, request, *args, **kwargs):
        handling.record_viewing(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not handling.can_handle_feedback(request.user):
            raise PermissionDenied
        if "quote" in request.POST:
            return self.post_quote(request)
        feedback = self.object
        form = ResponseForm(request.POST, feedback=feedback)
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = handling.save_decisions(
                    feedback,
                    request.user,
                    status=data["status"],
                    note_to_author=data["note_to_author"],
                    theme=data["theme"],
                    internal_note=data["internal_note"],
                )
            except ValidationError as error:
                # Someone else saved it meanwhile: nothing of this form was saved.
                feedback.refresh_from_db(fields=["status"])
                form.show_as_seen_now()
                for field_name, errors in error.message_dict.items():
                    field_name = {"note": "note_to_author"}.get(field_name, field_name)
                    for message in errors:
                        form.add_error(field_name if field_name in form.fields else None, message)
            else:
                messages.success(request, f"Saved: {', '.join(done)}.")
                return _back(feedback)
        context = self.get_context_data(response_form=form)
        return self.render_to_response(context)

    def post_quote(self, request):
        """Mark the words to quote, or stop quoting them; a mistake shows with what was typed."""
        feedback = self.object
        if request.POST["quote"] == "remove":
            quotes.unmark(feedback, request.user)
            messages.success(request, "These words will not be quoted.")
            return _back(feedback)
        form = QuoteForm(request.POST, answers=self.answers)
        if not form.is_valid():
            errors = [
                (message, f"id_{name}") for name, found in form.errors.items() for message in found
            ]
            return self.render_to_response(
                self.get_context_data(quote_form=form, quote_errors=errors)
            )
        quotes.mark(feedback, form.cleaned_data["words"], request.user)
        messages.success(request, "Saved the words to quote.")
        return _back(feedback)

    @cached_property
    def answers(self):
        return self.object.get_answers(self.object.page.specific.get_form_fields())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feedback = self.object
        consultation = feedback.page.specific
        record = getattr(feedback, "offline_record", None)
        quote = getattr(feedback, "quote", None)
        context.setdefault("response_form", ResponseForm(feedback=feedback))
        context.setdefault(
            "quote_form",
            QuoteForm(answers=self.answers, initial={"words": quote.words} if quote else None),
        )
        context.update(
            consultation=consultation,
            sender=sender_in_words(feedback),
            answers=self.answers,
            quote=quote,
            quote_consent=quotes.consent_in_words(feedback) if quote else "",
            history=feedback.status_changes.select_related("changed_by"),
            themes=[link.theme for link in feedback.theme_links.select_related("theme")],
            notes=feedback.internal_notes.select_related("author"),
            flag=getattr(feedback, "safeguarding_flag", None),
            sections=response_sections.for_response(self.request, feedback),
            safeguarding_form=SafeguardingForm(),
            gathered=gathered_in_words(record) if record else [],
            scan_url=(
                reverse("feedback:scan", args=[feedback.pk])
                if record and record.scan and handling.can_handle_feedback(self.request.user)
                else ""
            ),
            session_url=(
                reverse("feedback:session", args=[record.session_id])
                if record and record.session_id
                else ""
            ),
            action_urls={"flag": reverse("feedback:flag", args=[feedback.pk])},
        )
        return context


class FeedbackDeleteView(DeleteView):
    """Asks for a reason and says what will be lost; refuses while an app above feedback
    holds the response (see deleting.deletion_guards). A GET never deletes."""

    template_name = "feedback/admin/feedback_delete.html"
    form_class = DeletionForm
    page_title = "Delete a response"

    def get_object(self, queryset=None):
        return get_object_or_404(
            handling.feedback_for_user(self.request.user).select_related("page"), pk=self.pk
        )

    def get_usage_url(self):
        return None  # a response is not used by other content: the guards say what holds it

    @property
    def pk(self):
        return self.kwargs[self.pk_url_kwarg]

    def get_success_url(self):
        return reverse("feedback:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            refusals=deleting.deletion_guards.refusals(self.object),
            warnings=deleting.deletion_guards.warnings(self.object),
            lost=deleting.what_will_be_lost(self.object),
            back_url=reverse("feedback:inspect", args=[self.object.pk]),
        )
        return context

    def form_valid(self, form):
        try:
            deleting.delete_response(self.object, form.cleaned_data["reason"], self.request.user)
        except deleting.DeletionRefused as refused:
            for refusal in refused.refusals:
                form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, f"Response {self.object} is deleted.")
        return redirect(self.get_success_url())


def _get_feedback(request, pk):
    if not handling.can_handle_feedback(request.user):
        raise PermissionDenied
    return get_object_or_404(handling.feedback_for_user(request.user), pk=pk)


def _back(feedback):
    return redirect(reverse("feedback:inspect", args=[feedback.pk]))


def _show_errors(request, form):
    for field_errors in form.errors.values():
        for error in field_errors:
            messages.error(request, error)


@require_POST
def flag_view(request, pk):
    feedback = _get_feedback(request, pk)
    form = SafeguardingForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form)
        return _back(feedback)
    flag = handling.flag_for_safeguarding(feedback, form.cleaned_data["reason"], request.user)
    messages.success(
        request,
        f"{feedback} is flagged. Only the safeguarding group can open it now. "
        + safeguarding_alerts.told_in_words(flag.people_told),
    )
    if handling.can_handle_safeguarding(request.user):
        return _back(feedback)
    return redirect(reverse("feedback:index"))


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    name = "feedback"
    url_prefix = "feedback"
    menu_label = "Feedback"
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = FeedbackIndexView
    inspect_view_class = FeedbackInspectView
    delete_view_class = FeedbackDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = FeedbackFilterSet
    export_filename = "feedback"
    # Never shown: the permission policy refuses adding and editing to everyone.
    form_fields = ["status"]
    list_display = [
        "__str__",
        Column("excerpt", label="Answers"),
        Column("channel", label="Channel", accessor=channel_label),
        Column("consultation", label="Consultation", accessor="page.title"),
        DateColumn("submit_time", label="Sent on"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("themes", label="Themes", accessor=themes_text),
    ]
    # Searched by search_responses, by reference or by words in the answers.
    search_fields = ["reference"]
    list_export = [
        "reference",
        "consultation",
        "submit_time",
        "status",
        "themes",
        "answers",
        "channel",  # last, so the columns before it stay where they were
    ]
    ordering = ["-submit_time", "-pk"]

    def get_urlpatterns(self):
        from . import recording, sessions

        return [
            *super().get_urlpatterns(),
            path("flag/<int:pk>/", flag_view, name="flag"),
            # Recording input gathered off-line, and drop-in sessions (recording.py, sessions.py)
            path("record/", recording.record_choose_view, name="record"),
            path(
                "record/consultation/<int:page_id>/",
                recording.record_response_view,
                name="record_response",
            ),
            path("record/tell-us/", recording.record_tell_us_view, name="record_tell_us"),
            path("recorded/<int:pk>/", recording.recorded_view, name="recorded"),
            path("scan/<int:pk>/", recording.scan_view, name="scan"),
            path("sessions/", sessions.sessions_view, name="sessions"),
            path("sessions/open/", sessions.open_session_view, name="open_session"),
            path("sessions/<int:pk>/", sessions.session_view, name="session"),
        ]
