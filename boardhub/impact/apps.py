from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "boardhub.impact"
    label = "impact"
    verbose_name = "You said, we did"

    def ready(self):
        from boardhub.core.registry import register_cache_model, register_published_model
        from boardhub.feedback.deleting import deletion_guards
        from boardhub.members.account_area import DashboardEntry, register_account_pages

        # Connects the receivers, and registers what "Your data" holds from impact.
        from . import personal_data, signals  # noqa: F401
        from .models import ChangeFeedbackLink, ChangeRecord

        # What a member's feedback changed, in their account area (after "Your feedback").
        register_account_pages(
            "boardhub.impact.account_urls",
            DashboardEntry(
                title="What your feedback changed",
                url_name="members:feedback_changes",
                text="The changes the council made because of what you told us.",
            ),
        )

        # Published changes are public, and so is how many responses shaped each: a change to
        # either makes every cached page miss at once.
        register_published_model(ChangeRecord)
        register_cache_model(ChangeFeedbackLink)

        # A response's admin page lists its changes; the dashboard counts changes in review.
        from boardhub.feedback.response_page import response_sections
        from boardhub.feedback.waiting import waiting_work

        from .feedback_admin import changes_in_review, linked_changes_section

        response_sections.register(linked_changes_section)
        waiting_work.register(changes_in_review)

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
