from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "boardhub.members"
    label = "members"
    verbose_name = "Members"

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from boardhub.core.registry import register_private_paths

        from .middleware import record_first_second_factor

        # A member's account area, and allauth's pages for signing in (boardhub/urls.py puts
        # them under /accounts/): never cached, whoever asks.
        register_private_paths("/account/", "/accounts/")

        # An officer who has just set up two-factor has passed it in this session: the
        # admin's gate must let them in, not ask them to sign in again.
        authenticator_added.connect(
            record_first_second_factor, dispatch_uid="members_record_first_second_factor"
        )
