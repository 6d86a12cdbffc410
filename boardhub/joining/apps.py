from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "boardhub.joining"
    label = "joining"
    verbose_name = "Joining the board"

    def ready(self):
        from boardhub.core.registry import register_private_paths

        # Someone's invitation or application: never cached, whoever asks.
        register_private_paths("/join/")
