"""Officers record a response on someone's behalf: a paper form, a phone call, a drop-in
session, an advocate's notes. It becomes a `Feedback` like any other, so it is triaged, themed,
linked to changes and counted with the answers sent online, and its channel shows wherever
officers see it.

- Only the feedback groups record (`handling.can_handle_feedback`), and only they open a scan.
- Step 1 chooses what it is to: a consultation that has opened (closed ones too: a paper form
  posted in time may arrive late) or feedback about any service ("Tell us"). Step 2 is one
  page: the consultation's own questions, with the same checks as online, and how it was
  gathered (recording_forms.RecordForm).
- It is stored all or nothing by store_feedback (or store_tell_us), with its OfflineRecord and
  ReplyContact in the same transaction, once only for the form's idempotency key: a double
  click stores one response. The receipt goes the way the person asked, once it commits.
- Recording it, and each opening of a scan, is written to Wagtail's audit log.
- A scan is kept in the "private" storage, which is never served: the one way to it is
  `scan_view`, which checks permission and logs the opening.
"""

import mimetypes
from functools import wraps

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail import log_actions

from boardhub.consultations.models import (
    HONEYPOT_FIELD,
    ConsultationPage,
    answers_in,
    store_feedback,
)
from boardhub.notifications.choices import ReplyBy

from . import handling
from .models import DropInSession, OfflineRecord, ReplyContact, TellUsPage
from .recording_forms import (
    CHOOSE_AGAIN_AFTER_ERROR,
    WHO_ANONYMOUS,
    WHO_PERSON,
    ChooseForm,
    RecordForm,
)

RECORDED = "boardhub.feedback.recorded"
SCAN_OPENED = "boardhub.feedback.scan_opened"
SESSION_OPENED = "boardhub.feedback.session_opened"
LOG_ACTIONS = (
    (RECORDED, "Record a response on someone's behalf", "Response recorded by an officer"),
    (SCAN_OPENED, "Open the scan of a paper form", "Scan of the paper form opened"),
    (SESSION_OPENED, "Open a drop-in session", "Drop-in session opened"),
)
TELL_US = "tell-us"
CONTACT_FIELDS = ("name", "email", "phone", "postal_address", "postcode", "supporter_contact")


def handlers_only(view):
    """Only the feedback groups: anyone else gets a plain 403 page (not Wagtail's redirect to
    the dashboard, which would say nothing of why)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not handling.can_handle_feedback(request.user):
            return TemplateResponse(
                request,
                "feedback/recording/refused.html",
                {"page_title": "You cannot do this", "header_title": "You cannot do this"},
                status=403,
            )
        return view(request, *args, **kwargs)

    return checked


def tell_us_page():
    return TellUsPage.objects.live().first()


# Storing


def offline_record_for(feedback, data, by):
    return OfflineRecord(
        feedback=feedback,
        gathered_on=data["gathered_on"],
        gathered_where=data.get("gathered_where", ""),
        session=data.get("session"),
        supporter_role=data.get("supporter_role", ""),
        supporter_organisation=data.get("supporter_organisation", ""),
        supporter_name=data.get("supporter_name", ""),
        recorded_by=by,
    )


def reply_contact_wanted(data):
    """Whether to keep a ReplyContact: for someone who is not a member and told us who they
    are, or who wants to hear back (an anonymous person, through their supporter)."""
    if data.get("member_user") is not None:
        return False
    if data.get("who") == WHO_PERSON:
        return True
    return data.get("who") == WHO_ANONYMOUS and data.get("reply_by") == ReplyBy.SUPPORTER


def reply_contact_for(feedback, data):
    anonymous = data.get("who") == WHO_ANONYMOUS
    return ReplyContact(
        feedback=feedback,
        reply_by=data.get("reply_by") or ReplyBy.NOT_AT_ALL,
        **{
            name: "" if anonymous and name != "supporter_contact" else data.get(name, "")
            for name in CONTACT_FIELDS
        },
        easy_read=bool(data.get("easy_read")),
        large_print=bool(data.get("large_print")),
        may_quote=bool(data.get("may_quote")) and not anonymous,
    )


def store_record(feedback, data, by, written):
    """What goes with a new recorded response, in its transaction: how it was gathered, its
    scan, whom to reply to, and the audit log entry. A scan's file goes in `written`, for
    the caller to delete should the transaction roll back."""
    record = offline_record_for(feedback, data, by)
    scan = data.get("scan")
    if scan:
        record.scan.save(scan.name, scan, save=False)
        written.append((record.scan.storage, record.scan.name))
    record.save()
    if reply_contact_wanted(data):
        reply_contact_for(feedback, data).save()
    log_actions.log(
        feedback,
        RECORDED,
        user=by,
        data={
            "channel": feedback.channel,
            "session": record.session_id,
            "gathered_on": record.gathered_on.isoformat(),
            "scan": bool(record.scan),
        },
    )


def storing_once(store):
    """Run `store(written)`; if it fails, delete the files it wrote (a scan must not stay
    behind for a response that was never stored)."""
    written = []
    try:
        return store(written)
    except Exception:
        for storage, name in written:
            storage.delete(name)
        raise


def record_response(page, answers, data, by):
    """Store one recorded response to consultation `page`, once only for `data["key"]`, and
    send its receipt. Returns the Feedback (`is_new` False when the key had stored it)."""
    feedback = storing_once(
        lambda written: store_feedback(
            page,
            answers,
            member=data.get("member_user"),
            idempotency_key=data["key"],
            channel=data["channel"],
            receipt=False,
            also=lambda feedback: store_record(feedback, data, by, written),
        )
    )
    if feedback.is_new:
        send_receipt(feedback)
    return feedback


def record_tell_us(page, tell_us_data, data, by):
    """Store one recorded "Tell us" response (feedback about any service) on the TellUsPage;
    store_tell_us keeps whom to reply to and sends the receipt."""
    from .tell_us import store_tell_us

    member = data.get("member_user")
    wants_reply = reply_contact_wanted(data) and data.get("reply_by") != ReplyBy.NOT_AT_ALL
    combined = dict(tell_us_data)
    combined.update(
        wants_reply=member is not None or wants_reply,
        reply_by=data.get("reply_by") if wants_reply else "",
        easy_read=bool(data.get("easy_read")),
        large_print=bool(data.get("large_print")),
        may_quote=bool(data.get("may_quote")) and data.get("who") != WHO_ANONYMOUS,
        **{name: data.get(name, "") for name in CONTACT_FIELDS},
    )
    if data.get("who") == WHO_ANONYMOUS:
        combined.update({name: "" for name in CONTACT_FIELDS if name != "supporter_contact"})
    # store_tell_us keeps the ReplyContact of someone who wants a reply; the name of someone
    # who does not is kept here, with how it was gathered.
    record_data = {**data, "who": None if wants_reply else data.get("who")}
    return storing_once(
        lambda written: store_tell_us(
            page,
            combined,
            member=member,
            idempotency_key=data["key"],
            channel=data["channel"],
            also=lambda feedback: store_record(feedback, record_data, by, written),
        )
    )


def send_receipt(feedback):
    """The receipt, the way the person asked, once the response commits (notifications.py)."""
    from . import notifications

    notifications.send_receipt(feedback)


# Views


@handlers_only
def record_choose_view(request):
    """Step 1: what the response is to."""
    session = session_from(request.GET.get("session"))
    page = tell_us_page()
    form = ChooseForm(
        request.GET if "to" in request.GET else None, tell_us_available=page is not None
    )
    if form.is_valid():
        to = form.cleaned_data["to"]
        url = (
            reverse("feedback:record_tell_us")
            if to == TELL_US
            else reverse("feedback:record_response", args=[int(to)])
        )
        return redirect(f"{url}?session={session.pk}" if session else url)
    return TemplateResponse(
        request,
        "feedback/recording/choose.html",
        {
            "page_title": "Record a response",
            "header_title": "Record a response",
            "form": form,
            "session": session,
        },
    )


def session_from(value):
    if value and str(value).isdigit():
        return DropInSession.objects.filter(pk=int(value)).first()
    return None


def initial_record(request, session):
    initial = {"gathered_on": timezone.localdate()}
    if session is not None:
        initial.update(
            channel="drop_in",
            gathered_on=session.held_on,
            gathered_where=session.place,
            session=session.pk,
        )
    return initial


def consultation_answers_form(page, request, data=None, files=None):
    form = page.get_form(data, files, page=page, user=request.user)
    form.fields.pop(HONEYPOT_FIELD, None)
    return form


def tell_us_answers_form(data=None):
    from .tell_us import VISITOR_ONLY_FIELDS, TellUsForm

    form = TellUsForm(data)
    for name in (*VISITOR_ONLY_FIELDS, "wants_reply", "idempotency_key", HONEYPOT_FIELD):
        form.fields.pop(name, None)
    return form


@handlers_only
def record_response_view(request, page_id):
    """Step 2 for a consultation: its questions and how the response was gathered."""
    now = timezone.now()
    page = get_object_or_404(
        ConsultationPage.objects.live().filter(opens_at__lte=now), pk=page_id
    ).specific
    return record_page(
        request,
        page,
        lambda data=None, files=None: consultation_answers_form(page, request, data, files),
        lambda answers_form, data: record_response(
            page, answers_in(answers_form), data, request.user
        ),
        about=page.title,
    )


@handlers_only
def record_tell_us_view(request):
    """Step 2 for feedback about any service: the "Tell us" questions."""
    page = tell_us_page()
    if page is None:
        raise Http404("There is no “Tell us” page yet")
    return record_page(
        request,
        page,
        lambda data=None, files=None: tell_us_answers_form(data),
        lambda answers_form, data: record_tell_us(
            page, answers_form.cleaned_data, data, request.user
        ),
        about="Feedback about any service",
    )


def record_page(request, page, make_answers_form, store, about):
    session = session_from(request.GET.get("session") or request.POST.get("record-session"))
    if request.method == "POST":
        answers_form = make_answers_form(request.POST, request.FILES)
        record_form = RecordForm(request.POST, request.FILES)
        answers_ok = answers_form.is_valid()
        if record_form.is_valid() and answers_ok:
            feedback = store(answers_form, record_form.cleaned_data)
            url = reverse("feedback:recorded", args=[feedback.pk])
            session = record_form.cleaned_data.get("session")
            return redirect(f"{url}?session={session.pk}" if session else url)
        status = 400
    else:
        answers_form = make_answers_form()
        record_form = RecordForm(initial=initial_record(request, session))
        status = 200
    errors = error_list(answers_form, record_form)
    title = f"Record a response: {about}"
    return TemplateResponse(
        request,
        "feedback/recording/record.html",
        {
            "page_title": title,
            "header_title": title,
            "about": about,
            "answers_form": answers_form,
            "record_form": record_form,
            "errors": errors,
            "choose_again": CHOOSE_AGAIN_AFTER_ERROR if errors and request.FILES else "",
            "session": session,
            "choose_url": reverse("feedback:record"),
        },
        status=status,
    )


def error_list(*forms):
    """(message, anchor) for every error on the page, for the error summary at its top."""
    errors = []
    for form in forms:
        if not form.is_bound:
            continue
        errors += [(error, "") for error in form.non_field_errors()]
        for field in form:
            anchor = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
            errors += [(error, anchor) for error in field.errors]
    return errors


@handlers_only
def recorded_view(request, pk):
    """After saving: which response it is, and what to do next."""
    feedback = get_object_or_404(handling.feedback_for_user(request.user), pk=pk)
    session = session_from(request.GET.get("session"))
    record_another_url = reverse("feedback:record")
    if session is not None:
        record_another_url += f"?session={session.pk}"
    return TemplateResponse(
        request,
        "feedback/recording/recorded.html",
        {
            "page_title": f"Response {feedback} recorded",
            "header_title": f"Response {feedback} recorded",
            "feedback": feedback,
            "session": session,
            "record_another_url": record_another_url,
            "response_url": reverse("feedback:inspect", args=[feedback.pk]),
            "session_url": reverse("feedback:session", args=[session.pk]) if session else "",
        },
    )


SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


@handlers_only
def scan_view(request, pk):
    """The scan of a response's paper form: only for the feedback groups (and only for a
    response they may read), each opening written to the audit log. Never cached."""
    feedback = get_object_or_404(handling.feedback_for_user(request.user), pk=pk)
    record = OfflineRecord.objects.filter(feedback=feedback).first()
    if record is None or not record.scan:
        raise Http404("This response has no scan")
    ending = record.scan.name.rsplit(".", 1)[-1].lower()
    content_type = SCAN_TYPES.get(ending) or mimetypes.guess_type(record.scan.name)[0]
    try:
        opened = record.scan.open("rb")
    except FileNotFoundError:
        raise Http404("The scan's file is missing") from None
    log_actions.log(feedback, SCAN_OPENED, user=request.user)
    response = FileResponse(
        opened,
        content_type=content_type or "application/octet-stream",
        as_attachment=ending == "pdf",
        filename=f"{feedback.reference}.{ending}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
