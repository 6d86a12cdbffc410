"""The /account/ area: a member's own pages. Every view works on request.user alone, so no
address ever names another person's account."""

from itertools import groupby

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from boardhub.consultations.models import Feedback
from boardhub.feedback.models import StatusChange
from boardhub.impact.models import ChangeFeedbackLink, ChangeService
from boardhub.impact.pages import public_change_url, you_said_we_did_page

from .forms import EqualityMonitoringForm, ProfileForm
from .models import EqualityMonitoring, MemberProfile


def url_or_none(name):
    """The address of a page that another part of BoardHub may not have built yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def security_keys_section(user):
    """The way to sign in without copying a code (WCAG 2.2 3.3.8): add a key, or see the keys."""
    keys = Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count()
    if not keys:
        return {
            "title": "Add a security key or passkey",
            "url": reverse("mfa_add_webauthn"),
            "text": (
                "Sign in without copying a code: use your fingerprint, your face or a PIN on "
                "your phone or computer, or a small security key."
            ),
        }
    return {
        "title": "Your security keys and passkeys",
        "url": reverse("mfa_list_webauthn"),
        "text": (
            f"You have added {keys} security key{pluralize(keys)} or passkey{pluralize(keys)}. "
            "You can add another, or rename or remove one."
        ),
    }


@login_required
def dashboard(request):
    user = request.user
    sections = [
        {
            "title": "Your profile",
            "url": reverse("members:profile"),
            "text": "Your name, how to contact you and what helps you take part.",
        },
        {
            "title": "Your feedback",
            "url": reverse("members:feedback"),
            "text": "Everything you have told us in consultations, and what has happened to it.",
        },
        {
            "title": "What your feedback changed",
            "url": reverse("members:feedback_changes"),
            "text": "The changes the council made because of what you told us.",
        },
        {
            "title": "Equality monitoring",
            "url": reverse("members:equality"),
            "text": "Optional questions that help us check the board includes everyone.",
        },
        {
            "title": "Email addresses",
            "url": reverse("account_email"),
            "text": f"You sign in with {user.email}. You can change it here.",
        },
        {
            "title": "Change your password",
            "url": reverse("account_change_password"),
            "text": "You can also sign in with a code that we email to you.",
        },
        {
            "title": "Two-factor authentication",
            "url": reverse("mfa_index"),
            "text": (
                "It is on: you use an authenticator app when you sign in."
                if is_mfa_enabled(user, [Authenticator.Type.TOTP])
                else "It is on: you use a security key or passkey when you sign in."
                if is_mfa_enabled(user, [Authenticator.Type.WEBAUTHN])
                else "An extra check when you sign in, using an app on your phone."
            ),
        },
        security_keys_section(user),
        {
            "title": "Download your data",
            "url": url_or_none("privacy:download"),
            "text": "Get a copy of everything we keep about you.",
        },
        {
            "title": "Delete your account",
            "url": url_or_none("privacy:delete"),
            "text": "Close your account and delete what we keep about you.",
        },
    ]
    return render(
        request,
        "members/dashboard.html",
        {"sections": [section for section in sections if section["url"]]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    member_profile, __ = MemberProfile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=member_profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "We have saved your profile.")
        return redirect("members:dashboard")
    return render(request, "members/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def equality(request):
    answers = EqualityMonitoring.objects.filter(user=request.user).first()
    form = EqualityMonitoringForm(request.POST or None, instance=answers, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Thank you. We have saved your answers.")
        return redirect("members:dashboard")
    return render(request, "members/equality.html", {"form": form, "answers": answers})


@login_required
@require_http_methods(["GET", "POST"])
def equality_withdraw(request):
    answers = EqualityMonitoring.objects.filter(user=request.user).first()
    if answers is None:
        messages.info(request, "We do not have any equality monitoring answers from you.")
        return redirect("members:dashboard")
    if request.method == "POST":
        answers.delete()
        messages.success(request, "We have deleted your equality monitoring answers.")
        return redirect("members:dashboard")
    return render(request, "members/equality_withdraw.html")


def own_feedback(user):
    """The responses `user` sent, newest first, each with its history for its author: when it
    moved and what we told them (never who moved it, notes between officers, or flags)."""
    history = StatusChange.objects.only(
        "feedback_id", "from_status", "to_status", "changed_at", "note_to_author"
    )
    return (
        Feedback.objects.filter(member=user, reference__isnull=False)
        .select_related("page")
        .only("reference", "status", "submit_time", "form_data", "member_id", "page__title")
        .prefetch_related(Prefetch("status_changes", queryset=history))
        .order_by("-submit_time", "-pk")
    )


@login_required
def your_feedback(request):
    # The list shows no answers: leave them in the database.
    responses = own_feedback(request.user).defer("form_data")
    return render(request, "members/feedback_list.html", {"responses": responses})


@login_required
def feedback_detail(request, reference):
    """One response: anyone but the person who sent it gets "Page not found"."""
    feedback = get_object_or_404(own_feedback(request.user), reference=reference)
    consultation = feedback.page.specific
    return render(
        request,
        "members/feedback_detail.html",
        {
            "feedback": feedback,
            "consultation": consultation,
            "answers": feedback.get_answers(consultation.get_form_fields()),
            "changes_made": published_change_links(
                request,
                ChangeFeedbackLink.objects.filter(feedback=feedback).order_by(
                    "-change__agreed_on", "-change__pk"
                ),
            ),
        },
    )


def published_change_links(request, links):
    """Those of `links` that point at published changes, each with its change, the change's
    services and `public_url`. A change not yet published never shows: it may still change."""
    services = ChangeService.objects.select_related("service").order_by("service__name")
    links = list(
        links.filter(change__live=True)
        .select_related("change")
        .prefetch_related(Prefetch("change__service_links", queryset=services))
    )
    for link in links:
        link.public_url = public_change_url(link.change, request)
    return links


@login_required
def feedback_changes(request):
    """What my feedback changed: each of the member's responses that shaped a published
    change, newest response first, with what it changed. Only their own links, so nothing
    says whose other feedback shaped the same change."""
    links = published_change_links(
        request,
        ChangeFeedbackLink.objects.filter(
            feedback__member=request.user, feedback__reference__isnull=False
        )
        .select_related("feedback__page")
        .order_by("-feedback__submit_time", "-feedback__pk", "-change__agreed_on", "-change__pk"),
    )
    responses = [
        {"feedback": feedback, "links": list(its_links)}
        for feedback, its_links in groupby(links, key=lambda link: link.feedback)
    ]
    return render(
        request,
        "members/feedback_changes.html",
        {"responses": responses, "record": you_said_we_did_page(request)},
    )


@login_required
@require_POST
def keep_signed_in(request):
    """ "Stay signed in" (static/js/session-timeout.js): start the sign-in's time afresh."""
    request.session.modified = True
    return HttpResponse(status=204)
