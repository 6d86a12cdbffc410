from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "boardhub.impact"
    label = "impact"
    verbose_name = "You said, we did"

    def ready(self):
        from boardhub.feedback.deleting import deletion_guards

        from . import signals  # noqa: F401  (connects the receivers)
        from .models import ChangeRecord

        # The public record counts the responses that shaped each published change.
        deletion_guards.refuse_while(
            lambda feedback: ChangeRecord.objects.published().shaped_by(feedback),
            "It helped to shape a published change: {names}. "
            "Unlink it from the change first, then delete it.",
        )
        deletion_guards.warn_while(
            lambda feedback: ChangeRecord.objects.filter(live=False).shaped_by(feedback),
            "It is linked to a change that is not published: {names}. The link will go too, "
            "and the change's history will say that a linked response was deleted.",
        )
