"""The gate in front of the officers' area (Wagtail's admin, every page under /admin/).

Invariant: an admin page answers only a session that passed two-factor authentication itself.
Having set up two-factor is not enough: a session signed in some other way (an old session, a
sign-in path that bypassed allauth) holds only a password. So, for a signed-in person:

- an officer or administrator (or anyone marked as staff) with no authenticator (an app or a
  security key) is sent to set one up;
- one whose session has no "mfa" entry in allauth's authentication records is signed out and
  sent to sign in again, with the second step, and brought back to the page they asked for;
- anyone without admin access (a member, or staff in no officer group) gets the "This area
  is for council officers" page (status 403), never Wagtail's redirect to the sign-in page,
  which signed-in people bounce straight back from, in a loop.

Someone not signed in is left to Wagtail, which sends them to allauth's sign-in page.

Setting up a first authenticator proves the second factor in that very session, so it is
recorded then (`record_first_second_factor`): otherwise an officer who has just set up their
app would be signed out on their way into the admin, and asked for the code they just typed.
"""

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

# Every page of Wagtail's admin, and no admin view anywhere else
# (tests/members/test_admin_gate.py walks the URL patterns to show it).
ADMIN_PATH_PREFIX = "/admin/"

# What counts as a second factor: an authenticator app or a passkey / security key. Recovery
# codes are only a way back in when those are lost.
SECOND_FACTOR_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

SET_UP_TWO_FACTOR_MESSAGE = (
    "Before you can use the officers' admin, set up two-factor authentication. "
    "It keeps people's feedback safe even if someone learns your password."
)
SIGN_IN_AGAIN_MESSAGE = (
    "For your safety, sign in again and use your second step (your authenticator app or "
    "security key) to open the officers' area."
)


def can_use_admin(user):
    """Wagtail's own test for the admin (wagtail.admin.auth.require_admin_access)."""
    return user.has_perm("wagtailadmin.access_admin")


def must_use_two_factor(user):
    """Officers and administrators, and anyone marked as staff, who may be given admin access
    at any moment."""
    return user.is_staff or can_use_admin(user)


def has_second_factor(user):
    return is_mfa_enabled(user, SECOND_FACTOR_TYPES)


def session_passed_two_factor(request):
    """Whether this session itself passed the second step, by allauth's records: a code from
    the app, a security key or a recovery code at sign-in, a passkey sign-in, confirming it is
    you with one of those, or setting up a first app or key."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class AdminGateMiddleware:
    """Lets into the admin only officers whose session passed two-factor (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not request.path_info.startswith(ADMIN_PATH_PREFIX) or not user.is_authenticated:
            return self.get_response(request)
        if must_use_two_factor(user):
            if not has_second_factor(user):
                messages.info(request, SET_UP_TWO_FACTOR_MESSAGE)
                return redirect("mfa_activate_totp")
            if not session_passed_two_factor(request):
                return sign_out_and_ask_for_second_step(request)
        if not can_use_admin(user):
            return render(request, "members/officers_only.html", status=403)
        return self.get_response(request)


def sign_out_and_ask_for_second_step(request):
    """Sign this session out and send it to allauth's sign-in page, which asks for the
    second step, and then brings the officer back to the page they asked for."""
    next_url = request.get_full_path()
    get_adapter(request).logout(request)
    # After signing out: signing out empties the session, where messages are kept.
    messages.info(request, SIGN_IN_AGAIN_MESSAGE)
    return redirect_to_login(next_url, "account_login")


def record_first_second_factor(sender, request, user, authenticator, **kwargs):
    """allauth's `authenticator_added` signal: when someone sets up their first authenticator
    app or security key, record in this session that it passed its second step, as allauth
    does when they use it to sign in.

    Only the first: adding another one proves nothing about a session that skipped the second
    step, and would let such a session into the admin. Recovery codes do not count: they are
    a way back in when an app or key is lost, made along with the first one.
    """
    if authenticator.type not in SECOND_FACTOR_TYPES:
        return
    others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exclude(
        pk=authenticator.pk
    )
    if others.exists():
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    # allauth sends the signal once the transaction commits, which may be after this
    # response's session was saved: save the record now.
    request.session.save()
