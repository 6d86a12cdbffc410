""" "You said, we did": each change the council makes because of the board, recorded against the
services it changed and linked to the responses that shaped it.

- changes.py: the change records, their statuses, and the services and consultations each
  is about;
- feedback_links.py: the links from changes to the responses that shaped them;
- pages.py: the public "you said, we did" page.
"""

from .changes import (
    ChangeConsultation,
    ChangeRecord,
    ChangeRecordQuerySet,
    ChangeService,
    ChangeStatus,
)
from .feedback_links import ChangeFeedbackLink
from .pages import YouSaidWeDidPage, public_change_url, you_said_we_did_page

__all__ = [
    "ChangeConsultation",
    "ChangeFeedbackLink",
    "ChangeRecord",
    "ChangeRecordQuerySet",
    "ChangeService",
    "ChangeStatus",
    "YouSaidWeDidPage",
    "public_change_url",
    "you_said_we_did_page",
]
