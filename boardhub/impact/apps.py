from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "boardhub.impact"
    label = "impact"
    verbose_name = "You said, we did"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
