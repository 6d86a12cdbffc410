from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """How each person is told what happened: the channel from their profile or from what an
    officer recorded (email, text message, letter, their supporter, or a call by hand)."""

    name = "boardhub.notifications"
    label = "notifications"
    verbose_name = "Messages to people"

    def ready(self):
        from . import personal_data  # noqa: F401  (what "Your data" holds from the outbox)
