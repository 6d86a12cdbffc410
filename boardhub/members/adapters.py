import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.cache import cache

from boardhub.core.emails import send_message_after_commit

logger = logging.getLogger(__name__)

# A key of its own, which every check writes the same value to, so checks at the same moment
# never spoil each other's.
RATE_LIMIT_PROBE_KEY = "boardhub:sign-in:rate-limits-work"


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, shaped for a membership body. Who may sign up is joining's to say:
    settings.ACCOUNT_ADAPTER is its subclass, boardhub.joining.adapters."""

    # allauth's messages, in plain English: what went wrong and what to do (boardhub.members).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or password is not right. Check them and try again, or sign "
            "in with a code instead."
        ),
        "enter_current_password": ("That is not the password you use now. Check it and try again."),
        "incorrect_code": "That code is not right. Check it and try again, or ask for a new one.",
        "incorrect_password": "That password is not right. Check it and try again.",
        "too_many_login_attempts": (
            "You have tried to sign in too many times. For your safety, this account is locked "
            "for 5 minutes. Wait 5 minutes and try again, or reset your password."
        ),
        "same_as_current": "Enter a different email address from the one you use now",
        "duplicate_email": "You already use this email address",
        "rate_limited": "You have tried too many times. Wait a few minutes and try again.",
        "account_inactive": "This account is closed. Contact us if you think this is a mistake.",
        # The cache that counts sign-in attempts is down (can_count_sign_in_attempts).
        "sign_in_paused": (
            "Sorry, signing in is paused for a few minutes because of a problem on our side. "
            "It is nothing you did. Please try again in a few minutes."
        ),
    }

    def can_count_sign_in_attempts(self):
        """Whether allauth can count sign-in attempts, and so limit them.

        allauth keeps its counts in the cache. Production's Redis is set to ignore its own
        errors, so while Redis is down every count is silently forgotten: allauth then turns
        every sign-in away as "too many", after a wait. Sign-in checks this first, and refuses
        (rather than let anyone in uncounted) with the "sign_in_paused" message, which says
        the fault is ours. The check is that a value put in the cache comes back.
        """
        try:
            cache.set(RATE_LIMIT_PROBE_KEY, True, timeout=60)
            works = cache.get(RATE_LIMIT_PROBE_KEY) is True
        except Exception:  # a cache that raises its errors: the same answer
            logger.exception("Sign-in paused: the cache that counts sign-in attempts failed")
            return False
        if not works:
            logger.error("Sign-in paused: the cache that counts sign-in attempts is not working")
        return works

    # allauth's ways to confirm it is you, in plain English (its own words otherwise).
    reauthentication_descriptions = {
        "reauthenticate": "Use your password",
        "mfa_reauthenticate": "Use a code from your authenticator app, or a recovery code",
        "mfa_reauthenticate:webauthn": "Use your security key or passkey",
    }

    def get_reauthentication_methods(self, user):
        """allauth's ways to confirm it is you, and a code by email, as signing in offers
        (boardhub.members.reauthentication). The first is the one allauth asks for first."""
        from .reauthentication import reauthentication_by_code_method

        methods = [
            {
                **method,
                "description": self.reauthentication_descriptions.get(
                    method["id"], method["description"]
                ),
            }
            for method in super().get_reauthentication_methods(user)
        ]
        by_code = reauthentication_by_code_method(user) if user.is_authenticated else None
        return [*methods, by_code] if by_code else methods

    def save_user(self, request, user, form, commit=True):
        # The name they would like us to use, asked for on the sign-up form.
        if display_name := form.cleaned_data.get("display_name"):
            user.display_name = display_name
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # allauth's emails go out like every other: in the background, after commit.
        message = self.render_mail(template_prefix, email, context)
        send_message_after_commit(message)
