"""What feedback handling holds about an officer (their records of what they did with
responses), for the privacy registry (boardhub/privacy/registry.py). Imported from
FeedbackConfig.ready().

Headings and purposes are what members read on the "Your data" summary page.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, register

register(
    "feedback.StatusChange",
    "changed_by",
    heading="Statuses you changed on feedback",
    purpose="So that people can follow what happened to their feedback, and who decided.",
    export=("from_status", "to_status", "changed_at"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.InternalNote",
    "author",
    heading="Notes you wrote about feedback",
    purpose="So that officers can share what they know about a response.",
    # Not the note's text: it is about someone else's response.
    export=("created_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.SafeguardingFlag",
    "flagged_by",
    heading="Feedback you flagged for safeguarding",
    purpose="So that the safeguarding team knows who raised a concern.",
    export=("flagged_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.SafeguardingAccess",
    "user",
    heading="Feedback flagged for safeguarding that you opened",
    purpose="We record who opens these responses, to protect the people who sent them.",
    export=("opened_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
