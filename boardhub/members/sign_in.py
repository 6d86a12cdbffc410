"""The sign-in page: allauth's, refusing every sign-in while attempts cannot be counted.

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
