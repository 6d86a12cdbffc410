from allauth.account.adapter import DefaultAccountAdapter

from boardhub.core.emails import send_message_after_commit


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, shaped for a membership body."""

    def is_open_for_signup(self, request):
        # People join the board by invitation (boardhub.joining), never by signing
        # themselves up.
        from boardhub.joining.invitations import invitation_in_session

        return invitation_in_session(request) is not None

    def send_mail(self, template_prefix, email, context):
        # allauth's emails go out like every other: in the background, after commit.
        message = self.render_mail(template_prefix, email, context)
        send_message_after_commit(message)
