"""The /account/ area: a member's own pages. Every view works on request.user alone, so no
address ever names another person's account. The pages about a member's feedback and what
it changed belong to the apps that own that data (boardhub.members.account_area)."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from .account_area import registered_dashboard_panels, registered_dashboard_sections
from .forms import EqualityMonitoringForm, ProfileForm
from .models import EqualityMonitoring, MemberProfile


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
    """The member's own things that need them first (the panels other apps register, such as
    answers saved to finish later), then a link to each part of the account."""
    user = request.user
    sections = [
        {
            "title": "Your profile",
            "url": reverse("members:profile"),
            "text": "Your name, how to contact you and what helps you take part.",
        },
        *registered_dashboard_sections(),
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
            # The readable page first: it offers the file too.
            "title": "See and download your data",
            "url": reverse("privacy:summary"),
            "text": "See everything we keep about you on a web page, and download a copy.",
        },
        {
            "title": "Delete your account",
            "url": reverse("privacy:delete"),
            "text": "Close your account and delete what we keep about you.",
        },
    ]
    context = {"panels": registered_dashboard_panels(request), "sections": sections}
    return render(request, "members/dashboard.html", context)


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


@login_required
@require_POST
def keep_signed_in(request):
    """ "Stay signed in" (static/js/session-timeout.js): start the sign-in's time afresh."""
    request.session.modified = True
    return HttpResponse(status=204)
