from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "boardhub.joining"
    label = "joining"
    verbose_name = "Joining the board"
