from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Figures, charts and the evidence pack: reads every domain app below it, and owns only
    the packs it builds."""

    name = "boardhub.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from . import personal_data  # noqa: F401  (the packs an officer asked for)
