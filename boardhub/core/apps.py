from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "boardhub.core"
    label = "core"
    verbose_name = "Site content"

    def ready(self):
        from .chooser_nonce import add_nonce_to_chooser_scripts
        from .page_cache import connect_signals

        add_nonce_to_chooser_scripts()
        connect_signals()
