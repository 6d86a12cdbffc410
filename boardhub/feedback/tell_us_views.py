"""The "Tell us" page as people use it: the form, sending it, and the thank-you page.
`TellUsPage.serve` hands over to `serve` here.

It keeps to the same rules as a consultation's answers (boardhub.consultations.views): the
honeypot box, the same limit on sends an hour for anyone not signed in (members are never
limited), and a one-time idempotency key the form carries, so a double click or a reload
stores one response. Every page here is someone's own (a form with its own key, what they
typed, their name, their reference), so none is ever kept in a cache.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from boardhub.consultations.models import HONEYPOT_FIELD, Feedback
from boardhub.core.clock import time_soon
from boardhub.core.db_errors import RETRY_AFTER_SECONDS
from boardhub.core.spam import RateLimit
from boardhub.members.choices import ContactMethod

from .tell_us import KEY_PATTERN, TellUsForm, new_idempotency_key, store_tell_us

logger = logging.getLogger(__name__)

# The same limit as answers to consultations, counted together: one flood is one flood.
anonymous_send_limit = RateLimit("consultations:answers")

TEMPLATE = "feedback/tell_us_page.html"
LANDING_TEMPLATE = "feedback/tell_us_page_landing.html"
NOTHING_SAVED = (
    "Something went wrong on our side and nothing was saved. We have kept what you typed "
    "below: please send it again."
)


def signed_in_member(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def serve(page, request):
    if request.method == "POST":
        return take(page, request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return show_form(page, request)


def preview(page, request, mode_name):
    """What an editor previews: the thank-you page, or the empty form. Nothing is sent."""
    if mode_name == "landing":
        return thank_you_page(page, request)
    form = TellUsForm(initial={"idempotency_key": new_idempotency_key()})
    return render_form(request, page, form, preview=True)


# The form


def show_form(page, request):
    member = signed_in_member(request)
    form = TellUsForm(member=member, initial={"idempotency_key": new_idempotency_key()})
    return render_form(request, page, form)


def how_we_reply_to(member):
    """For a signed-in member: how their profile says we contact them, in their words."""
    profile = getattr(member, "profile", None)
    if profile is None:
        return f"By email, to {member.email}"
    method = profile.contact_method
    if method == ContactMethod.EMAIL:
        return f"By email, to {member.email}"
    if method == ContactMethod.POST:
        return "By letter, to the address in your profile"
    if method == ContactMethod.SUPPORTER:
        who = profile.supporter_name or "the person who supports you"
        return f"Through {who}"
    if method == ContactMethod.TEXT:
        return "By text message, to the number in your profile"
    if method == ContactMethod.PHONE:
        return "By phone, on the number in your profile"
    return profile.get_contact_method_display()


def render_form(request, page, form, status=200, **extra):
    context = page.get_context(request)
    member = form.member
    context.update(
        form=form,
        member=member,
        how_we_reply=how_we_reply_to(member) if member is not None else "",
        **extra,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    # Its own idempotency key, what someone typed, or a member's details: never shared.
    add_never_cache_headers(response)
    return response


def thank_you_page(page, request, feedback=None):
    context = page.get_context(request)
    context.update(
        feedback=feedback,
        answers=feedback.get_answers(page.get_form_fields()) if feedback is not None else [],
        acknowledge_within=settings.FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS,
    )
    response = TemplateResponse(request, LANDING_TEMPLATE, context)
    add_never_cache_headers(response)
    return response


# Sending


def posted_key(request):
    key = request.POST.get("idempotency_key", "")
    return key if KEY_PATTERN.match(key) else ""


def earlier_send(request, page, key):
    """(response, clash): the response this key already stored when it is this person's (a
    double click, or a reload of the page that sent it), and whether the key stored someone
    else's, so must not be used again."""
    if not key:
        return None, False
    feedback = Feedback.objects.filter(idempotency_key=key).first()
    if feedback is None:
        return None, False
    member = signed_in_member(request)
    theirs = feedback.page_id == page.pk and feedback.member_id == (member.pk if member else None)
    return (feedback, False) if theirs else (None, True)


def take(page, request):
    member = signed_in_member(request)
    feedback, clash = earlier_send(request, page, posted_key(request))
    if feedback is not None:
        return thank_you_page(page, request, feedback)
    form = TellUsForm(request.POST, member=member)
    refusal = anonymous_send_limit.refusal(request) if member is None else None
    if refusal is not None:
        response = render_form(
            request,
            page,
            form,
            status=429,
            too_many=refusal,
            try_again_at=time_soon(refusal.retry_moment),
        )
        response["Retry-After"] = str(refusal.retry_after_seconds)
        return response
    if not form.is_valid():
        return render_form(request, page, form)
    if form.cleaned_data.get(HONEYPOT_FIELD):
        # Only a program fills in the hidden box: look as if it worked, and keep nothing.
        anonymous_send_limit.count(request)
        return thank_you_page(page, request)
    key = new_idempotency_key() if clash else form.cleaned_data["idempotency_key"]
    return store(page, request, form, member, key)


def store(page, request, form, member, key):
    try:
        feedback = store_tell_us(page, form.cleaned_data, member=member, idempotency_key=key)
    except DatabaseError:
        # Rolled back: nothing was stored. What they typed stays on the page, with the same
        # key, so sending it again stores it once.
        logger.exception("Could not save a 'Tell us' response; nothing was stored")
        form.add_error(None, NOTHING_SAVED)
        response = render_form(request, page, form, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if feedback.is_new and member is None:
        anonymous_send_limit.count(request)
    return thank_you_page(page, request, feedback)
