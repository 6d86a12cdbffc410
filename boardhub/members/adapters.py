from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from boardhub.core.emails import send_message_after_commit


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, shaped for a membership body."""

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
    }

    def is_open_for_signup(self, request):
        # People join the board by invitation (boardhub.joining), never by signing
        # themselves up.
        from boardhub.joining.invitations import invitation_in_session

        return invitation_in_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        # A new account uses up the invitation it was made from, once only (boardhub.joining).
        from boardhub.joining.invitations import finish_signup

        if display_name := form.cleaned_data.get("display_name"):
            user.display_name = display_name
        if not commit:
            return super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            finish_signup(request, user)
        return user

    def send_mail(self, template_prefix, email, context):
        # allauth's emails go out like every other: in the background, after commit.
        message = self.render_mail(template_prefix, email, context)
        send_message_after_commit(message)
