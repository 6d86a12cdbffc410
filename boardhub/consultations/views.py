"""The consultation pages as people use them: answer the questions, check your answers, send
them; save them to finish later; ask for another format; and the index of consultations.

The pages' routes and Wagtail's entry points (boardhub.consultations.models.pages) hand over to
the functions here, which do everything to do with a request.

The answers wait in the session (keyed by consultation) between the form and "Check your
answers", with a one-time idempotency key that the "Send my answers" button carries, so that
sending twice stores one `Feedback`. Members can also save a `FeedbackDraft` to finish later.
"""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page

from boardhub.core.clock import time_soon
from boardhub.core.db_errors import RETRY_AFTER_SECONDS
from boardhub.core.fragments import shared, shared_html, site_pk
from boardhub.core.spam import RateLimit

from .format_requests import initial_for, store_request
from .forms import ConsultationFilterForm, FormatRequestForm, service_choices, too_long_message
from .models import (
    HONEYPOT_FIELD,
    ConsultationPage,
    ConsultationStatus,
    Feedback,
    FeedbackDraft,
    answers_in,
    answers_in_words,
)
from .templatetags.consultation_tags import friendly_datetime

logger = logging.getLogger(__name__)

# How many answers one browser, and one internet address, may send an hour without signing
# in: settings.BOARDHUB_RATE_LIMITS["consultations:answers"]. Members are never limited.
anonymous_answer_limit = RateLimit("consultations:answers")

SESSION_KEY = "consultation_answers"
# Answers posted by someone whose sign-in had run out, kept (keyed by consultation) to fill
# in the form again once they have signed back in.
TIMED_OUT_KEY = "consultation_answers_before_sign_in"
# "Check your answers" carries the answers, signed, so they survive a sign-in running out.
SIGNED_ANSWERS_FIELD = "answers"
SIGNED_ANSWERS_SALT = "consultations.check-answers"
SAVE_ACTION = "save"
# The id of the messages banner at the top of main (templates/includes/messages.html).
MESSAGES_ID = "messages"
# The most parts of a multiple-choice answer a draft keeps: more than any question offers.
DRAFT_MAX_CHOICES = 100


# The answers waiting in the session


def pending_answers(request, page):
    """{"answers": {...}, "key": "..."} for this consultation, or None."""
    session = getattr(request, "session", None)  # a bare request, as in a page's preview
    return session.get(SESSION_KEY, {}).get(str(page.pk)) if session is not None else None


def keep_pending_answers(request, page, answers):
    pending = pending_answers(request, page)
    key = pending["key"] if pending else uuid.uuid4().hex
    waiting = request.session.get(SESSION_KEY, {})
    waiting[str(page.pk)] = {"answers": answers, "key": key}
    request.session[SESSION_KEY] = waiting


def forget_pending_answers(request, page):
    waiting = request.session.get(SESSION_KEY, {})
    if waiting.pop(str(page.pk), None) is not None:
        request.session[SESSION_KEY] = waiting


def answers_before_sign_in(request, page):
    session = getattr(request, "session", None)
    return session.get(TIMED_OUT_KEY, {}).get(str(page.pk)) if session is not None else None


def forget_answers_before_sign_in(request, page):
    waiting = request.session.get(TIMED_OUT_KEY, {})
    if waiting.pop(str(page.pk), None) is not None:
        request.session[TIMED_OUT_KEY] = waiting


def sign_in_again(request, page, answers):
    """Someone posted answers to a board members' consultation without being signed in
    (their sign-in ran out): keep what they typed, and send them to sign in and back."""
    if answers:
        waiting = request.session.get(TIMED_OUT_KEY, {})
        waiting[str(page.pk)] = answers
        request.session[TIMED_OUT_KEY] = waiting
        messages.info(
            request,
            "You need to sign in again. We have kept your answers: they will be there "
            "when you come back.",
        )
    return redirect_to_login(page.get_url(request))


def posted_answers(request, page):
    """What was typed into the form, or what "Check your answers" carried, unchecked."""
    signed = request.POST.get(SIGNED_ANSWERS_FIELD)
    if signed:
        try:
            return signing.loads(signed, salt=SIGNED_ANSWERS_SALT)
        except signing.BadSignature:
            return {}
    answers = draft_answers(posted_form(page, request), request.POST)
    return answers if any(answers.values()) else {}


# Drafts: what was typed, saved to finish later


def own_draft(request, page):
    """The signed-in member's own saved answers to this consultation, or None."""
    if not request.user.is_authenticated:
        return None
    return FeedbackDraft.objects.filter(member=request.user, consultation=page).first()


def draft_answers(form, data):
    """What was typed, as it was typed, without checking it: for "Save and come back later".

    Nothing is cut: an answer longer than its question takes is kept whole, and the form says
    how much to shorten it by (answers_too_long). The request's own size limit bounds a draft
    (DATA_UPLOAD_MAX_MEMORY_SIZE, boardhub.core.request_limits)."""
    answers = {}
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        value = field.widget.value_from_datadict(data, {}, form.add_prefix(name))
        if isinstance(value, list | tuple):
            answers[name] = [str(part) for part in value][:DRAFT_MAX_CHOICES]
        else:
            answers[name] = "" if value is None else str(value)
    return answers


def answers_too_long(form, answers):
    """{name: what to do} for each answer longer than its question takes."""
    too_long = {}
    for name, value in answers.items():
        limit = getattr(form.fields[name], "max_length", None)
        if isinstance(value, str) and limit is not None and len(value) > limit:
            too_long[name] = too_long_message(len(value), limit)
    return too_long


def keep_only_length_errors(form, too_long):
    """Only the lengths matter in a draft: a blank or unchosen answer is fine."""
    errors = form.errors
    for name in list(errors):
        if name not in too_long:
            del errors[name]


def draft_saved_message(page):
    return (
        "We have saved your answers. Only you can see them. Come back to this page to finish "
        f"and send them before {friendly_datetime(page.closes_at)}."
    )


# Who may answer, and how many


def refuse_answers(page, request):
    """The response when `request` may not answer now, or None when it may. Answers posted
    by someone whose sign-in ran out are kept while they sign in again."""
    reason = page.refusal_reason(request.user)
    if reason is None:
        return None
    if reason == "sign_in" and request.method == "POST":
        return sign_in_again(request, page, posted_answers(request, page))
    return refuse(page, request)


def answers_sent_before(request, page):
    """The signed-in member's latest answers already sent to this consultation, or None.
    Nobody can tell for someone who is not signed in, so for them it is always None."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_answers_sent_before"):
        request._answers_sent_before = {}
    if page.pk not in request._answers_sent_before:
        request._answers_sent_before[page.pk] = (
            Feedback.objects.filter(page=page, member=request.user).order_by("-submit_time").first()
        )
    return request._answers_sent_before[page.pk]


def answered_once_already(request, page):
    """True when this member has sent answers and the consultation takes only one each."""
    return not page.allow_more_than_one_answer and answers_sent_before(request, page) is not None


def refuse(page, request, status=403):
    """The consultation page, saying why answers cannot be taken now."""
    context = page.get_context(request)
    context["form"] = None
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    # Someone's own reference, or their contact details in the request for another format:
    # never kept.
    format_form = context.get("format_request_form")
    if context.get("sent_before") is not None or (format_form is not None and format_form.initial):
        add_never_cache_headers(response)
    return response


def answer_refusal(request):
    """Why this send is refused by the limit on answers (a Refusal), or None. Signed-in
    members are never limited."""
    if request.user.is_authenticated:
        return None
    return anonymous_answer_limit.refusal(request)


def too_many_answers(request, page, refusal, form=None, pending=None):
    """The form (or "Check your answers") again, with the answers kept and the reason they
    cannot be sent yet: this browser, or this internet address, and when to try again."""
    context = {"too_many": refusal, "try_again_at": time_soon(refusal.retry_moment)}
    if pending is not None:
        response = render_check_page(request, page, pending, status=429, **context)
    else:
        response = render_form(request, page, form, status=429, **context)
    response["Retry-After"] = str(refusal.retry_after_seconds)
    return response


# Rendering


def consultation_context(page, request, context, format_request_form=None):
    """What the consultation's template needs beyond the page (ConsultationPage.get_context):
    why answers cannot be taken now, if they cannot, and the form to ask for another format."""
    user = request.user
    refusal_reason = page.refusal_reason(user)
    context.update(
        refusal_reason=refusal_reason,
        sent_before=answers_sent_before(request, page) if refusal_reason is None else None,
        format_request_form=format_request_form or FormatRequestForm(initial=initial_for(user)),
        format_request_url=(page.get_url(request) or "") + page.reverse_subpage("another_format"),
    )
    return context


def session_timeout_context(request):
    """For a signed-in person, how long their sign-in lasts from now (WCAG 2.2.1): the form
    tells static/js/session-timeout.js, which warns them before it runs out. Saving the
    session now starts that time afresh, so the warning comes at the right moment."""
    if not request.user.is_authenticated:
        return {}
    request.session.modified = True
    return {"session_seconds": request.session.get_expiry_age()}


def render_form(request, page, form, status=200, draft=None, **extra):
    context = page.get_context(request)
    context.update(form=form, draft=draft, **session_timeout_context(request), **extra)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    # Someone's answers, their reference from before, or their own contact details in the
    # request for another format: never keep a copy anywhere.
    format_form = context.get("format_request_form")
    personal = format_form is not None and bool(format_form.initial)
    if form.is_bound or form.initial or personal or context.get("sent_before") is not None:
        add_never_cache_headers(response)
    return response


def thank_you_page(page, request, feedback=None):
    """The thank-you page, with the answers `feedback` stored: never kept in any cache."""
    context = page.get_context(request)
    context["form_submission"] = feedback
    if feedback is not None:
        context["answers"] = feedback.get_answers(page.get_form_fields())
    response = TemplateResponse(request, page.get_landing_page_template(request), context)
    add_never_cache_headers(response)
    return response


def preview(page, request, mode_name):
    """What an editor previews: the thank-you page, or the questions, with nothing sent."""
    if mode_name == "landing":
        return thank_you_page(page, request)
    return FormMixin.serve(page, request)


def check_answers_url(page, request):
    return page.get_url(request) + page.reverse_subpage("check_answers_route")


# The questions


def answer_form(page, request):
    """The consultation page: its questions, filled in with answers waiting to be checked or
    with the member's saved answers. Posting checks them and goes to "Check your answers",
    or saves them, unchecked, to come back to later."""
    if request.method != "POST":
        return show_questions(page, request)
    refused = refuse_answers(page, request)
    if refused is not None:
        return refused
    if answered_once_already(request, page):
        return refuse(page, request)
    forget_answers_before_sign_in(request, page)
    return take_answers(page, request)


def show_questions(page, request):
    if page.refusal_reason(request.user) is None and answered_once_already(request, page):
        # They see when they sent their answers, and a link to them, instead of the form.
        return refuse(page, request, status=200)
    answers, draft = answers_to_fill_in(page, request)
    form = page.get_form(page=page, user=request.user, initial=answers)
    return render_form(request, page, form, draft=draft)


def answers_to_fill_in(page, request):
    """(answers, draft): what to fill the questions in with, and the saved draft they came
    from, if they did. Answers kept while someone signed in again come first, then answers
    waiting to be checked, then the member's saved draft."""
    before_sign_in = answers_before_sign_in(request, page)
    if before_sign_in is not None and request.user.is_authenticated:
        return before_sign_in, None
    pending = pending_answers(request, page)
    if pending is not None:
        return pending["answers"], None
    draft = own_draft(request, page)
    return (draft.answers if draft else {}), draft


def posted_form(page, request):
    return page.get_form(request.POST, request.FILES, page=page, user=request.user)


def take_answers(page, request):
    """Posted answers: saved as they are to come back to, or checked for sending."""
    form = posted_form(page, request)
    if request.POST.get("action") == SAVE_ACTION and request.user.is_authenticated:
        return save_draft(request, page, form)
    return continue_to_check(page, request, form)


def continue_to_check(page, request, form):
    """Answers that pass the checks wait in the session for "Check your answers"; others come
    back with what to fix."""
    refusal = answer_refusal(request)
    if refusal is not None:
        return too_many_answers(request, page, refusal, form=form)
    if not form.is_valid():
        return render_form(request, page, form)
    if form.cleaned_data.get(HONEYPOT_FIELD):
        # Only a program fills in the hidden box: look as if it worked, and keep nothing.
        anonymous_answer_limit.count(request)
        return thank_you_page(page, request)
    keep_pending_answers(request, page, answers_in(form))
    return redirect(check_answers_url(page, request))


def save_draft(request, page, form):
    """Save what was typed, whole, to come back to. An answer too long to send is saved too,
    and shown again with how much to shorten it by."""
    answers = draft_answers(form, request.POST)
    draft, _ = FeedbackDraft.objects.update_or_create(
        member=request.user, consultation=page, defaults={"answers": answers}
    )
    forget_pending_answers(request, page)
    too_long = answers_too_long(form, answers)
    if not too_long:
        messages.success(request, draft_saved_message(page))
        # To the confirmation at the top of the page, which takes the focus, not "#answer"
        # below it, where it would be out of sight and unheard (WCAG 4.1.3).
        return redirect(page.get_url(request) + "#" + MESSAGES_ID)
    messages.info(
        request,
        f"{draft_saved_message(page)} Shorten the answers marked below before you send them.",
    )
    keep_only_length_errors(form, too_long)
    return render_form(request, page, form, draft=draft)


def show_what_fits(request, too_much):
    """For boardhub.core.request_limits: answers to a consultation that were over the server's
    limit come back in its form, with what fitted filled in and what went wrong at the top.
    Nothing is saved or sent from answers cut short."""
    route = Page.route_for_request(request, request.path)
    page = route[0] if route is not None else None
    if not isinstance(page, ConsultationPage) or request.method != "POST":
        return None
    if page.refusal_reason(request.user) is not None:
        return refuse(page, request)
    form = page.get_form(request.POST, page=page, user=request.user)
    form.add_error(None, too_much.message())
    return render_form(request, page, form, status=413)


# Check your answers, and send them


def check_answers(page, request):
    """ "Check your answers", and "Send my answers" from it."""
    refused = refuse_answers(page, request)
    if refused is not None:
        return refused
    if request.method == "POST":
        return send_answers(page, request)
    if answered_once_already(request, page):
        return refuse(page, request)
    pending = pending_answers(request, page)
    if pending is None:
        return redirect(page.get_url(request) + "#answer")
    return render_check_page(request, page, pending)


def render_check_page(
    request, page, pending, template="consultations/check_answers.html", status=200, **extra
):
    response = TemplateResponse(
        request,
        template,
        {
            "page": page,
            "self": page,
            "rows": answer_rows(request, page, pending["answers"]),
            "idempotency_key": pending["key"],
            "signed_answers": signing.dumps(
                pending["answers"], salt=SIGNED_ANSWERS_SALT, compress=True
            ),
            "send_url": check_answers_url(page, request),
            **session_timeout_context(request),
            **extra,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


def answer_rows(request, page, answers):
    """Each question, its answer in words, and a link to change it on the form."""
    form = page.get_form(page=page, user=request.user)
    page_url = page.get_url(request)
    rows = []
    fields = list(page.get_form_fields())
    for field, (question, answer) in zip(fields, answers_in_words(fields, answers), strict=True):
        bound = form[field.clean_name]
        anchor = f"{bound.auto_id}_0" if bound.use_fieldset else bound.id_for_label
        rows.append({"question": question, "answer": answer, "change_url": f"{page_url}#{anchor}"})
    return rows


def already_sent(request, page, key):
    """The `Feedback` this key already stored, if it is this person's."""
    if not key:
        return None
    feedback = Feedback.objects.filter(page=page, idempotency_key=key).first()
    if feedback is None or feedback.member_id not in (None, request.user.pk):
        return None
    return feedback


def send_answers(page, request):
    key = request.POST.get("idempotency_key", "")
    feedback = already_sent(request, page, key)
    if feedback is not None:  # a double click, or a resubmitted form: the same confirmation
        forget_pending_answers(request, page)
        return thank_you_page(page, request, feedback)
    if answered_once_already(request, page):  # kindly: when they sent them, and a link
        forget_pending_answers(request, page)
        return refuse(page, request)
    pending = pending_answers(request, page)
    if pending is None or pending["key"] != key:
        messages.info(
            request, "Answer the questions, then check your answers before you send them."
        )
        return redirect(page.get_url(request) + "#answer")
    refusal = answer_refusal(request)
    if refusal is not None:
        return too_many_answers(request, page, refusal, pending=pending)
    return store_answers(page, request, pending)


def store_answers(page, request, pending):
    """Check the answers waiting for this key once more, and store them once."""
    form = page.get_form(pending["answers"], page=page, user=request.user)
    if not form.is_valid():  # the questions changed while they were answering
        return render_form(request, page, form)
    form.idempotency_key = pending["key"]
    try:
        feedback = page.process_form_submission(form)
    except DatabaseError:
        # Rolled back: nothing was stored. The person keeps their answers and can send again
        # with the same key, which stores them once.
        logger.exception("Could not save answers to %s; nothing was stored", page.url)
        response = render_check_page(
            request, page, pending, template="consultations/nothing_saved.html", status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if feedback.is_new and not request.user.is_authenticated:
        anonymous_answer_limit.count(request)
    forget_pending_answers(request, page)
    return thank_you_page(page, request, feedback)


# Another format


def ask_for_another_format(page, request):
    """Ask for this consultation in another format: the accessible formats team sees the
    request, and the consultation's contact is emailed (format_requests.store_request)."""
    if request.method != "POST":
        return redirect(page.get_url(request) + "#another-format")
    form = FormatRequestForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request, format_request_form=form)
        context["form"] = page.get_form(page=page, user=request.user)
        context["error_form"] = form  # its summary and "Error: " in the title (base.html)
        response = TemplateResponse(request, page.get_template(request), context, status=400)
        add_never_cache_headers(response)  # what they typed about how to reach them
        return response
    format_request = store_request(page, request.user, form.cleaned_data)
    return TemplateResponse(
        request,
        "consultations/format_request_received.html",
        {"page": page, "format_request": format_request},
    )


# The index


GROUP_HEADINGS = {
    ConsultationStatus.OPEN: "Open now",
    ConsultationStatus.UPCOMING: "Not open yet",
    ConsultationStatus.CLOSED: "Closed",
}


def index_context(index, request, context):
    """The consultations under `index` (ConsultationIndexPage.get_context), filtered by the GET
    form, a page at a time, grouped by whether they are open."""
    # Every service, the same for everyone: shared until a service is saved or deleted.
    services = shared(request, "consultation-filter-services", (), service_choices)
    filter_form = ConsultationFilterForm(request.GET or None, services=services)
    status = service = None
    if filter_form.is_bound and filter_form.is_valid():
        status = filter_form.cleaned_data.get("status") or None
        service = filter_form.cleaned_data.get("service") or None
    is_filtered = bool(status or service)

    def listing():
        consultations = page_of(
            request, index.get_consultations(status, service_slug=service), index.per_page
        )
        return {
            "consultations": consultations,
            "groups": grouped_by_status(consultations),
            "is_filtered": is_filtered,
        }

    context.update(
        filter_form=filter_form,
        # Live, public consultations only, the same for everyone who asks with the same
        # query string (its page links keep it), so shared; their status ("Open, 5 days
        # left") changes with time, so only until midnight or the next opening or closing.
        consultation_listing=shared_html(
            request,
            "consultation-listing",
            (site_pk(request), index.pk, request.GET.urlencode()),
            "consultations/includes/consultation_listing.html",
            listing,
            time_sensitive=True,
        ),
        is_filtered=is_filtered,
    )
    return context


def page_of(request, consultations, per_page):
    """The page of `consultations` the query string asks for: the first if it makes no sense,
    the last if it is past the end."""
    paginator = Paginator(consultations, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def grouped_by_status(consultations):
    """[(heading, consultations)]: each run of consultations in the same group, in order."""
    groups = []
    for consultation in consultations:
        group = consultation.listing_group
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append(consultation)
    return [(GROUP_HEADINGS[group], items) for group, items in groups]
