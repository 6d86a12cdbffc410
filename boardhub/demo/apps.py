from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Development and test only: the factories, the demo site and the benchmark's data.
    Installed by the dev and test settings, never in production, and imported by no product
    module (tests/architecture checks)."""

    name = "boardhub.demo"
    label = "demo"
    verbose_name = "Demo content"
