from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "boardhub.services"
    label = "services"
    verbose_name = "Services"

    def ready(self):
        from boardhub.core.registry import register_cache_model

        from .models import Service

        # Pages show services as they are saved: a renamed one makes every cached page miss.
        register_cache_model(Service)
