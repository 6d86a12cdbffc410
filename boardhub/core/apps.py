from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "boardhub.core"
    label = "core"
    verbose_name = "Site content"

    def ready(self):
        from .chooser_nonce import add_nonce_to_chooser_scripts
        from .page_cache import connect_signals
        from .registry import register_private_paths

        add_nonce_to_chooser_scripts()
        connect_signals()
        # Wagtail's admin, for the officer signed in. Each app registers its own paths.
        register_private_paths("/admin/")
