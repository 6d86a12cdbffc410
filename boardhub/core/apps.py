from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "boardhub.core"
    label = "core"
    verbose_name = "Site content"
