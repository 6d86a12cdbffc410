from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Figures, charts and (to come) the evidence pack: reads every domain app below it and
    owns no domain data."""

    name = "boardhub.reports"
    label = "reports"
    verbose_name = "Reports"
