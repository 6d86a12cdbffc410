from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "boardhub.impact"
    label = "impact"
    verbose_name = "You said, we did"
