from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "boardhub.privacy"
    label = "privacy"
    verbose_name = "People's rights over their data"

    def ready(self):
        # The person's account, sign-in and Wagtail's admin; each app above privacy
        # registers its own models from its own ready() (see registry.py).
        from . import personal_data  # noqa: F401
