from django.apps import AppConfig


class RepresentationConfig(AppConfig):
    name = "boardhub.representation"
    label = "representation"
    verbose_name = "Who the board speaks for"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from boardhub.core.page_cache import forget_every_page
        from boardhub.core.registry import register_cache_model
        from boardhub.members.models import EqualityMonitoring

        from .models import ReferencePopulation

        # The public page counts members and their equality answers: answering, changing
        # or withdrawing them, or a reference population changing, shows at once.
        register_cache_model(ReferencePopulation, EqualityMonitoring)
        User = get_user_model()
        post_save.connect(forget_on_joining_or_leaving, sender=User, weak=False)
        post_delete.connect(forget_every_page, sender=User, weak=False)


def forget_on_joining_or_leaving(sender, instance, created, update_fields=None, **kwargs):
    """A new account, or one turned off, changes the count of members; signing in (which
    saves only last_login) does not."""
    from boardhub.core.page_cache import forget_every_page

    if created or update_fields is None or "is_active" in update_fields:
        forget_every_page()
