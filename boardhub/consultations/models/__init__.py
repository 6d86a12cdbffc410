"""Consultations: officers ask the board (and sometimes everyone) what they think, with
Wagtail's form builder, and each answer is stored as a piece of `Feedback`.

- questions.py: the questions and the form builder that makes them into a form;
- pages.py: the consultation pages, their status and who can answer, and the index;
- feedback.py: the answers people send, and the drafts members save to finish later;
- formats.py: requests for a consultation in another format;
- announcements.py: each member told that a consultation is open to them.
"""

from .announcements import ConsultationAnnouncement
from .feedback import (
    Channel,
    Feedback,
    FeedbackDraft,
    FeedbackStatus,
    answers_in_words,
    store_feedback,
)
from .formats import FormatRequest, FormatRequestStatus
from .pages import (
    Audience,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    published_change_links,
)
from .questions import (
    AGREEMENT_CHOICES,
    CHOICE_TYPES,
    DASH,
    HONEYPOT_FIELD,
    ConsultationFormBuilder,
    ConsultationFormField,
    QuestionType,
    answers_in,
)

__all__ = [
    "AGREEMENT_CHOICES",
    "CHOICE_TYPES",
    "DASH",
    "HONEYPOT_FIELD",
    "Audience",
    "Channel",
    "ConsultationAnnouncement",
    "ConsultationFormBuilder",
    "ConsultationFormField",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "Feedback",
    "FeedbackDraft",
    "FeedbackStatus",
    "FormatRequest",
    "FormatRequestStatus",
    "QuestionType",
    "answers_in",
    "answers_in_words",
    "published_change_links",
    "store_feedback",
]
