from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "boardhub.privacy"
    label = "privacy"
    verbose_name = "People's rights over their data"

    def ready(self):
        # Every model that links to a person's account, and what happens to it.
        from . import registrations  # noqa: F401
