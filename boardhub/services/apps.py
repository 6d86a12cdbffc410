from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "boardhub.services"
    label = "services"
    verbose_name = "Services"
