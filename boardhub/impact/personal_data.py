"""What "You said, we did" (the public record of what the board changed) holds about an
officer, for the privacy registry (boardhub/privacy/registry.py). Imported from
ImpactConfig.ready().

Headings and purposes are what members read on the "Your data" summary page.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD, unlock
from boardhub.privacy.registry import Erase, register

register(
    "impact.ChangeRecord",
    "locked_by",
    heading="Changes (you said, we did) you locked",
    purpose="So that nobody else edits a change record while you are working on it.",
    export=("title", "locked_at"),
    erase=Erase.ANONYMISE,
    anonymise=unlock,
)

register(
    "impact.ChangeFeedbackLink",
    "linked_by",
    heading="Feedback you linked to changes",
    purpose="So that officers know who decided a response shaped a change.",
    # Not the response or the note: they are about someone else's feedback.
    export=("linked_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
