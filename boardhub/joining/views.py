"""Public pages for joining the board: the application form, and opening an invitation link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from boardhub.core.clock import time_soon
from boardhub.core.emails import send_templated_email
from boardhub.core.spam import RateLimit

from .forms import ApplicationForm
from .invitations import find_invitation, renew_invitation, start_signup

# How many applications one browser, and one internet address, may send an hour:
# settings.BOARDHUB_RATE_LIMITS["joining:applications"].
application_limit = RateLimit("joining:applications")


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    """The "Join the board" form.

    Whatever is sent, and whether or not the address already has an account or an application,
    the person sees the same page and gets the same email: nobody can use this form to find out
    who is on the board.
    """
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        refusal = application_limit.refusal(request)
        if refusal is not None:
            return too_many_applications(request, form, refusal)
        if form.is_valid():
            application_limit.count(request)
            if not form.is_from_a_robot():
                application = form.save(commit=False)
                application.consented_at = timezone.now()
                application.save()
                send_templated_email(
                    "joining_application_received",
                    [application.email],
                    {"name": application.name},
                )
            return redirect("joining:application_received")
    else:
        form = ApplicationForm()
    return render(request, "joining/application_form.html", {"form": form})


def too_many_applications(request, form, refusal):
    """The form again, filled in as it was sent, saying why it cannot be sent yet (this
    browser, or this internet address) and when to try again."""
    context = {
        "form": form,
        "too_many": refusal,
        "try_again_at": time_soon(refusal.retry_moment),
    }
    response = render(request, "joining/application_form.html", context, status=429)
    response["Retry-After"] = str(refusal.retry_after_seconds)
    return response


def application_received(request):
    return render(request, "joining/application_received.html")


def _existing_account(email):
    return get_user_model().objects.filter(email__iexact=email).exists()


@never_cache
def accept(request, token):
    """Someone opened the link in their invitation email."""
    invitation = find_invitation(token)
    if invitation is None:
        return render(request, "joining/invitation_not_found.html", status=404)
    user = request.user
    if user.is_authenticated:
        if invitation.accepted_by_id == user.pk:
            return render(request, "joining/invitation_used.html", {"signed_in": True})
        # Never join an invitation to whoever happens to be signed in on this device.
        return render(
            request,
            "joining/invitation_signed_in.html",
            {"token": token, "next": request.path},
            status=403,
        )
    if invitation.is_accepted or (invitation.is_usable and _existing_account(invitation.email)):
        return render(request, "joining/invitation_used.html", {"signed_in": False}, status=410)
    if invitation.is_expired:
        return render(request, "joining/invitation_expired.html", {"token": token}, status=410)
    start_signup(request, invitation)
    return redirect("account_signup")


@never_cache
@require_POST
def renew(request, token):
    """ "Send me a new invitation", from the page for a link that has run out.

    The new invitation goes to the address the old one went to, and nowhere else.
    """
    invitation = find_invitation(token)
    if invitation is None:
        return render(request, "joining/invitation_not_found.html", status=404)
    if not invitation.is_expired:
        return redirect("joining:accept", token=token)
    renew_invitation(invitation)
    return render(
        request,
        "joining/invitation_renewed.html",
        {"lifetime_days": settings.INVITATION_LIFETIME_DAYS},
    )
