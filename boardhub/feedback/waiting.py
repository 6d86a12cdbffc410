"""What is waiting for an officer, for the "Waiting for you" panel on the admin dashboard.

Each source is a function of the officer that gives `Waiting` items: how many, in words, and
the listing that shows exactly those. Feedback registers its own (new responses not read yet,
responses past the keeping-in-touch target, safeguarding flags); apps above feedback register
theirs from their AppConfig.ready() (impact: changes in review), since feedback may not import
them. The invariants: a source counts only what the officer may open (it asks the same rules as
the listing it links to), says nothing to an officer it does not concern (it gives no item),
and counts in one query, so the dashboard stays cheap however much is waiting.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from boardhub.consultations.models import FeedbackStatus

from . import deadlines, handling


@dataclass(frozen=True)
class Waiting:
    """`count` things waiting, described as "{count} {one}" or "{count} {many}" (or `none`
    when there are none), shown at `url` (a listing filtered to exactly those). Where no
    listing can be filtered to them, `examples` names the first few, as (text, url) pairs,
    and `url` leads to the listing they are in."""

    key: str
    count: int
    one: str
    many: str
    none: str
    url: str
    hint: str = ""
    examples: tuple = ()
    more_text: str = ""

    @property
    def text(self):
        return f"{self.count} {self.one if self.count == 1 else self.many}"


class WaitingWork:
    def __init__(self):
        self._sources = []

    def register(self, source):
        """Add `source(user)`, giving an iterable of `Waiting` for that officer."""
        self._sources.append(source)
        return source

    def for_user(self, user):
        return [item for source in self._sources for item in source(user)]


waiting_work = WaitingWork()


def feedback_waiting(user):
    """New, overdue and flagged responses the officer may read: one query."""
    if not handling.can_handle_feedback(user):
        return []
    new = Q(status=FeedbackStatus.RECEIVED)
    counts = handling.feedback_for_user(user).aggregate(
        new=Count("pk", filter=new),
        overdue=Count("pk", filter=deadlines.overdue_condition()),
        flagged=Count("pk", filter=Q(safeguarding_flag__isnull=False)),
    )
    listing = reverse("feedback:index")
    items = [
        Waiting(
            "new",
            counts["new"],
            "new response not read yet",
            "new responses not read yet",
            "No new responses are waiting to be read",
            f"{listing}?status={FeedbackStatus.RECEIVED}",
        ),
        Waiting(
            "overdue",
            counts["overdue"],
            "response overdue",
            "responses overdue",
            "No responses are overdue",
            f"{listing}?overdue=true",
            hint=deadlines.promise_in_words(),
        ),
    ]
    if handling.can_handle_safeguarding(user):
        items.append(
            Waiting(
                "flagged",
                counts["flagged"],
                "response flagged for safeguarding",
                "responses flagged for safeguarding",
                "No responses are flagged for safeguarding",
                f"{listing}?flagged=true",
            )
        )
    return items


waiting_work.register(feedback_waiting)


def format_requests_waiting(user):
    """Requests for another format not sent yet, for the accessible formats team: one query.
    Consultations owns them, but stands below feedback, so it is registered from here."""
    from boardhub.consultations import format_requests

    if not format_requests.can_handle_format_requests(user):
        return []
    return [
        Waiting(
            "format_requests",
            format_requests.asked_count(),
            "request for another format waiting",
            "requests for another format waiting",
            "No requests for another format are waiting",
            f"{reverse('format_requests:index')}?status=asked",
        )
    ]


waiting_work.register(format_requests_waiting)


def to_contact_waiting(user):
    """Messages an officer must send by hand, or that failed (boardhub.notifications)."""
    from boardhub.notifications.to_contact import to_contact_count

    count = to_contact_count(user)
    if count is None:
        return []
    return [
        Waiting(
            "to_contact",
            count,
            "person to contact by hand",
            "people to contact by hand",
            "Nobody is waiting to be contacted by hand",
            reverse("to_contact:index"),
        )
    ]


waiting_work.register(to_contact_waiting)
