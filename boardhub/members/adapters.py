from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, shaped for a membership body."""

    def is_open_for_signup(self, request):
        # People join the board by invitation or an approved application, never by
        # signing themselves up.
        return False
