"""Board meetings and the promises made in them.

- venues.py: the places meetings are held, with their accessibility facts;
- partners.py: the organisations the board holds to account (who owns an action);
- meetings.py: the "Meetings" index and each meeting's page, its agenda and papers;
- rsvps.py: who is coming, how, and the support they need; who came;
- actions.py: the action log: what was promised, by whom, by when, and what happened.
"""

from .actions import Action, ActionQuerySet, ActionStatus, ActionUpdate
from .actions_page import ActionsPage
from .meetings import AttendanceMode, Audience, InvitedPartner, MeetingIndexPage, MeetingPage
from .partners import Partner
from .rsvps import COMING, RSVP, Answer, Guest, SupportNeed, SupportRequest
from .venues import ACCESS_FACTS, AccessAnswer, Venue

__all__ = [
    "ACCESS_FACTS",
    "COMING",
    "RSVP",
    "AccessAnswer",
    "Action",
    "ActionQuerySet",
    "ActionStatus",
    "ActionUpdate",
    "ActionsPage",
    "Answer",
    "AttendanceMode",
    "Audience",
    "Guest",
    "InvitedPartner",
    "MeetingIndexPage",
    "MeetingPage",
    "Partner",
    "SupportNeed",
    "SupportRequest",
    "Venue",
]
