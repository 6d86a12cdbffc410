from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "boardhub.meetings"
    label = "meetings"
    verbose_name = "Meetings and actions"

    def ready(self):
        from boardhub.core.registry import (
            register_cache_model,
            register_moments,
            register_participation,
        )
        from boardhub.feedback.waiting import waiting_work
        from boardhub.notifications.messages import MessageType, register

        from . import personal_data  # noqa: F401  (registers what "Your data" holds)
        from .models import Action, ActionUpdate, Partner, Venue
        from .moments import next_moment
        from .participation import came_to_a_meeting
        from .reminders import REMINDER, sample_reminder
        from .waiting import actions_waiting, support_waiting

        # Public pages show venues, partners and actions: a change to any makes every cached
        # page miss at once (meeting pages are pages, which the cache already follows).
        register_cache_model(Venue, Partner, Action, ActionUpdate)
        # The home page's next meeting, and an action's "overdue", change as time passes.
        register_moments(next_moment)
        register_participation(came_to_a_meeting)

        waiting_work.register(actions_waiting)
        waiting_work.register(support_waiting)

        register(
            MessageType(
                key=REMINDER,
                name="Your board meeting is coming up",
                description=(
                    "Sent a week and a day before a meeting to each member who said they are "
                    "coming: when and where, the venue's accessibility, the support they asked "
                    "for and what to bring."
                ),
                sample_context=sample_reminder,
                picture="img/messages/two-people-talking.png",
                picture_alt="2 people talking",
            )
        )
