from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "boardhub.joining"
    label = "joining"
    verbose_name = "Joining the board"

    def ready(self):
        from boardhub.core.registry import register_private_paths

        from . import personal_data  # noqa: F401  (what "Your data" holds from joining)

        # Someone's invitation or application: never cached, whoever asks.
        register_private_paths("/join/")
