from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "boardhub.feedback"
    label = "feedback"
    verbose_name = "Feedback handling"

    def ready(self):
        from boardhub.members.account_area import DashboardEntry, register_account_pages

        from . import personal_data  # noqa: F401  (what "Your data" holds from feedback)

        # A member's own feedback, in their account area.
        register_account_pages(
            "boardhub.feedback.account_urls",
            DashboardEntry(
                title="Your feedback",
                url_name="members:feedback",
                text="Everything you have told us in consultations, and what has happened to it.",
            ),
        )
