"""allauth's adapter (settings.ACCOUNT_ADAPTER): members' adapter, with sign-up by invitation.

People join the board by invitation, never by signing themselves up. What the adapter does
about users in general (messages, signing in, emails) stays in boardhub.members.adapters;
this subclass adds only who may sign up and what making an account uses up.
"""

from django.db import transaction

from boardhub.members.adapters import AccountAdapter

from .invitations import finish_signup, invitation_in_session


class InvitationOnlyAccountAdapter(AccountAdapter):
    def is_open_for_signup(self, request):
        # Open only to a visitor who arrived with a valid invitation's link.
        return invitation_in_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        # A new account uses up the invitation it was made from, once only: both, or neither.
        if not commit:
            return super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            finish_signup(request, user)
        return user
