"""A member's answer to "Are you coming?", and the support they need, for one meeting.

- The form starts from the member's answer so far, or else from their communication-needs
  profile (`initial_for`): the formats and the supporter they told us about.
- `save_answer` stores the answer and the support requests in one transaction, or refuses:
  after the meeting has started, or for a meeting the member cannot see. Changing an answer
  keeps the "arranged" tick of every request that is still asked for.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from boardhub.members.choices import Format
from boardhub.notifications.recipients import profile_of

from .models import RSVP, Answer, SupportNeed, SupportRequest
from .models.rsvps import NEEDS_WITH_DETAIL

# A profile's formats, as the support a meeting can give for them.
NEED_FOR_FORMAT = {
    Format.BSL: SupportNeed.BSL_INTERPRETER,
    Format.LARGE_PRINT: SupportNeed.LARGE_PRINT,
    Format.EASY_READ: SupportNeed.EASY_READ,
    Format.SUPPORTER_PRESENT: SupportNeed.SUPPORTER,
    Format.OTHER_LANGUAGE: SupportNeed.OTHER_INTERPRETER,
}

TOO_LATE = (
    "This meeting has started, so your answer cannot be changed now. If you need to tell us "
    "something, contact the board team."
)
NOT_FOR_YOU = "This meeting is not one you can answer for."


def can_answer(meeting, user):
    """Why `user` cannot answer for `meeting` now, in words, or None when they can."""
    if not user.is_authenticated or not meeting.live:
        return NOT_FOR_YOU
    if meeting.starts_at <= timezone.now():
        return TOO_LATE
    return None


def answer_of(meeting, user):
    """The member's RSVP for the meeting, with its support requests, or None."""
    if not user.is_authenticated:
        return None
    return (
        RSVP.objects.filter(meeting=meeting, member=user)
        .prefetch_related("support_requests")
        .first()
    )


def initial_for(meeting, user, rsvp=None):
    """What the form starts with: the answer given, or the needs in the member's profile."""
    if rsvp is not None:
        requests = {request.need: request.detail for request in rsvp.support_requests.all()}
        return {
            "answer": rsvp.answer,
            "needs": list(requests),
            "may_be_named": rsvp.may_be_named,
            **detail_fields(requests),
        }
    profile = profile_of(user)
    if profile is None:
        return {}
    needs = [NEED_FOR_FORMAT[f] for f in profile.formats if f in NEED_FOR_FORMAT]
    details = {}
    if SupportNeed.OTHER_INTERPRETER in needs and profile.other_language:
        details[SupportNeed.OTHER_INTERPRETER] = profile.other_language
    return {"needs": needs, **detail_fields(details)}


def detail_fields(details):
    return {f"{need}_detail": details[need] for need in NEEDS_WITH_DETAIL if details.get(need)}


def save_answer(meeting, user, answer, needs, details, may_be_named=False):
    """Store `user`'s answer for `meeting`, the support they need (`needs`, a list of
    SupportNeed values; `details`, {need: their words}) and whether the public minutes may
    name them. Raises PermissionDenied with the reason when they cannot answer now. Returns
    the RSVP."""
    refusal = can_answer(meeting, user)
    if refusal:
        raise PermissionDenied(refusal)
    if answer == Answer.NOT_COMING:
        needs = []  # nothing to arrange for someone who is not coming
    with transaction.atomic():
        rsvp, __ = RSVP.objects.select_for_update().get_or_create(
            meeting=meeting, member=user, defaults={"answer": answer, "may_be_named": may_be_named}
        )
        if (rsvp.answer, rsvp.may_be_named) != (answer, may_be_named):
            rsvp.answer, rsvp.may_be_named = answer, may_be_named
            rsvp.save(update_fields=["answer", "may_be_named", "changed_at"])
        keep_requests(rsvp, needs, details)
    return rsvp


def keep_requests(rsvp, needs, details):
    """Make the RSVP's support requests exactly `needs`, keeping the ticks of those kept."""
    rsvp.support_requests.exclude(need__in=needs).delete()
    existing = {request.need: request for request in rsvp.support_requests.all()}
    for need in needs:
        detail = (details.get(need) or "") if need in NEEDS_WITH_DETAIL else ""
        request = existing.get(need)
        if request is None:
            SupportRequest.objects.create(rsvp=rsvp, need=need, detail=detail)
        elif request.detail != detail:
            # What they need changed: it must be arranged again.
            request.detail, request.arranged = detail, False
            request.arranged_by, request.arranged_at = None, None
            request.save()
