""" "Confirm it is you" with a code we email, as well as with a password or a second factor.

allauth asks people to confirm it is them before a change to their account (its
reauthentication: ACCOUNT_REAUTHENTICATION_REQUIRED), but allauth 65 only offers the password
and the second factor for it. Someone who signs in with a code by email because passwords are
hard (WCAG 2.2 3.3.8) must be able to confirm it the same way, so this adds a third way, built
on allauth's own code machinery (its code verification process, code format and rate limits)
and offered beside allauth's ways by AccountAdapter.get_reauthentication_methods.

What holds:
- The code goes only to the person's own verified address, never to one typed in the form.
- A code is good once, for ACCOUNT_LOGIN_BY_CODE_TIMEOUT seconds and for
  ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS wrong tries, as a sign-in code is; asking for codes is
  limited as asking for a sign-in code is (allauth's "request_login_code" rate limit).
- Passing it records a reauthentication in allauth's authentication records, as the password
  does ({"method": "code", "reauthenticated": True}). It is never a second factor: the admin's
  gate looks for an "mfa" record, which only an authenticator app, a recovery code or a
  security key writes.
"""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.code_verification import AbstractCodeVerificationProcess
from allauth.account.internal.flows.login import record_authentication
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress
from allauth.account.views import BaseReauthenticateView
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator

from .forms import ReauthenticationCodeForm

STATE_SESSION_KEY = "boardhub_reauthentication_code"
METHOD_ID = "reauthenticate_by_code"
EMAIL_TEMPLATE = "account/email/reauthentication_code"

TOO_MANY_CODES = "You have asked for a lot of codes. Wait a minute, then ask for a new one."
CODE_RAN_OUT = "That code has stopped working. Ask for a new one."


def verified_email(user):
    """The address a code may go to: the person's verified address, the primary one first."""
    address = (
        EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    )
    return address.email if address else None


def reauthentication_by_code_method(user):
    """This way to confirm it is you, in the shape allauth's adapter lists its own ways."""
    if not verified_email(user):
        return None
    return {
        "id": METHOD_ID,
        "description": "Get a code by email",
        "url": reverse("account_reauthenticate_by_code"),
    }


class ReauthenticationCodeProcess(AbstractCodeVerificationProcess):
    """One code, emailed to the signed-in person and kept in their session until it is used."""

    def __init__(self, request, state):
        super().__init__(
            state=state,
            timeout=account_settings.LOGIN_BY_CODE_TIMEOUT,
            max_attempts=account_settings.LOGIN_BY_CODE_MAX_ATTEMPTS,
            user=request.user,
        )
        self.request = request

    @classmethod
    def initiate(cls, request, email):
        process = cls(request, cls.initial_state(user=request.user, email=email))
        process.send()
        process.persist()
        return process

    @classmethod
    def resume(cls, request):
        """The code waiting in this session for this person, or None (none, or it ran out)."""
        state = request.session.get(STATE_SESSION_KEY)
        if not state or state.get("user_id") != user_id_to_str(request.user):
            return None
        return cls(request, state).abort_if_invalid()

    @property
    def email(self):
        return self.state["email"]

    def send(self):
        adapter = get_adapter(self.request)
        self.state["code"] = adapter.generate_login_code()
        context = {"request": self.request, "user": self.user, "code": self.code}
        adapter.send_mail(EMAIL_TEMPLATE, self.email, context)

    def persist(self):
        self.request.session[STATE_SESSION_KEY] = self.state

    def abort(self):
        self.request.session.pop(STATE_SESSION_KEY, None)

    def finish(self):
        self.abort()
        record_authentication(
            self.request, self.user, method="code", email=self.email, reauthenticated=True
        )


@method_decorator(login_required, name="dispatch")
class ReauthenticateByCodeView(BaseReauthenticateView):
    """Step 1: "Email me a code" (a POST with action=send). Step 2: type the code.

    Sending is a POST, never a GET, so a link checker or a prefetching browser sends nothing.
    """

    template_name = "account/reauthenticate_by_code.html"
    form_class = ReauthenticationCodeForm

    def dispatch(self, request, *args, **kwargs):
        self.process = ReauthenticationCodeProcess.resume(request)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "send":
            return self.send_code()
        if self.process is None:
            messages.error(request, CODE_RAN_OUT)
            return self.back_to_this_page()
        return super().post(request, *args, **kwargs)

    def send_code(self):
        email = verified_email(self.request.user)
        if not ratelimit.consume(self.request, action="request_login_code", key=email.lower()):
            messages.error(self.request, TOO_MANY_CODES)
        else:
            ReauthenticationCodeProcess.initiate(self.request, email)
        return self.back_to_this_page()

    def back_to_this_page(self):
        return HttpResponseRedirect(self.passthrough_next_url(self.request.path))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "code": self.process.code if self.process else ""}

    def form_valid(self, form):
        self.process.finish()
        return super().form_valid(form)

    def form_invalid(self, form):
        if not self.process.record_invalid_attempt():
            messages.error(self.request, CODE_RAN_OUT)
            return self.back_to_this_page()
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = self.process.email if self.process else verified_email(self.request.user)
        context["code_sent"] = self.process is not None
        return context
