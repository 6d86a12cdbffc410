from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "boardhub.privacy"
    label = "privacy"
    verbose_name = "People's rights over their data"
