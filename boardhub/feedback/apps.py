from django.apps import AppConfig
from django.urls import reverse


class FeedbackConfig(AppConfig):
    name = "boardhub.feedback"
    label = "feedback"
    verbose_name = "Feedback handling"

    def ready(self):
        from boardhub.members.account_area import DashboardEntry, register_account_pages
        from boardhub.notifications.about import register_about_link

        from . import (
            member_page,  # noqa: F401  (a member's communication needs, for officers)
            personal_data,  # noqa: F401  (what "Your data" holds from feedback)
        )

        # "To contact" links each message about a response to its page in the admin.
        register_about_link(
            "consultations.Feedback",
            lambda feedback: (str(feedback), reverse("feedback:inspect", args=[feedback.pk])),
        )

        # A response's admin page lists the messages sent to its person, and how to reach them.
        from .messages_section import messages_section
        from .response_page import response_sections

        response_sections.register(messages_section)

        # A member's own feedback, in their account area.
        register_account_pages(
            "boardhub.feedback.account_urls",
            DashboardEntry(
                title="Your feedback",
                url_name="members:feedback",
                text="Everything you have told us in consultations, and what has happened to it.",
            ),
        )
