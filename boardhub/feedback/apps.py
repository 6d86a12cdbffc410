from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "boardhub.feedback"
    label = "feedback"
    verbose_name = "Feedback handling"
