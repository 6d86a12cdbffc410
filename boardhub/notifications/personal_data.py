"""What the outbox holds about a person (the messages we sent them, or must send by hand) and
about an officer (the messages they marked done), for the privacy registry
(boardhub/privacy/registry.py). Imported from NotificationsConfig.ready().

A person's messages go when they erase their account: they are copies of what we told them,
and the response or request they were about keeps its own record.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, register

register(
    "notifications.Notification",
    "recipient_user",
    heading="Messages we sent you",
    purpose="So that we can see what we told you, and follow it up if it did not reach you.",
    export=("created_at", "channel", "address", "subject", "body", "status", "sent_at"),
    erase=Erase.DELETE,
)

register(
    "notifications.Notification",
    "handled_by",
    heading="Messages you sent by hand",
    purpose="So that officers know who contacted a person, and when.",
    # Not the message: it was to someone else.
    export=("handled_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
