from django.apps import AppConfig


class EasyReadConfig(AppConfig):
    name = "boardhub.easyread"
    label = "easyread"
    verbose_name = "Easy read"
