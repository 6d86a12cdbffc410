"""Signing in: one way only, allauth's sign-in page, which refuses every sign-in while
attempts cannot be counted.

Invariant: only allauth signs anyone in. Its sign-in runs every check (rate limits, a verified
email, the second step for two-factor); Wagtail's own sign-in forms (`/admin/login/`,
`/_util/login/`) run none of them. Their addresses lead to allauth's sign-in page instead
(`redirect_to_sign_in`), for a GET or a POST, and sign nobody in. tests/members/
test_sign_in_paths.py walks every URL pattern for sign-in views, so one added by an upgrade
fails the suite until it is routed here too.

allauth limits sign-in attempts (among them, five wrong passwords lock an account for five
minutes) by counting them in the cache, which is Redis in production, set to ignore its own
errors so that a Redis outage never takes pages down. While Redis is down, allauth's limit on
this page waits a second for the cache and then turns the attempt away with a bare "429 Too
Many Requests" page, which blames the person. This page checks the cache first
(AccountAdapter.can_count_sign_in_attempts): if it is not working, nobody is signed in, and
the form comes back with what they typed and, in the error summary, a message that says the
fault is ours and to try again in a few minutes, with status 503 and Retry-After.
"""

from allauth.account.adapter import get_adapter
from allauth.account.views import LoginView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

RETRY_AFTER_SECONDS = 60


class SignInView(LoginView):
    sign_in_paused = False

    @method_decorator(sensitive_post_parameters("password"))
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not get_adapter(request).can_count_sign_in_attempts():
            self.sign_in_paused = True
            # The form refuses (SignInForm.clean) before it tries to sign anyone in.
            response = self.post(request, *args, **kwargs)
            response.status_code = 503
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sign_in_paused": self.sign_in_paused}


def redirect_to_sign_in(request, *args, **kwargs):
    """Any other sign-in address: straight to allauth's sign-in page, keeping the page the
    person was going to (`next`, from the address or from the form they sent). Whatever was
    sent, nobody is signed in here."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME)
    if next_url:
        return redirect_to_login(next_url, "account_login")
    return redirect("account_login")
