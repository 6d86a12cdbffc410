"""A member's saved answers on their account dashboard: the consultations they started to answer
and can still finish, each with its closing date and a way back to its questions. Registered
in the account area (ConsultationsConfig.ready, boardhub.members.account_area)."""

from django.utils import timezone

from .models import ConsultationPage, FeedbackDraft


def saved_answers_panel(request):
    """The dashboard panel's context: the member's saved answers to consultations still open,
    the soonest to close first, or None when there are none. Two queries, however many."""
    now = timezone.now()
    still_open = (
        ConsultationPage.objects.live().public().filter(opens_at__lte=now, closes_at__gt=now)
    )
    drafts = list(
        FeedbackDraft.objects.filter(member=request.user, consultation__in=still_open)
        .select_related("consultation")
        .order_by("consultation__closes_at", "consultation__title")
    )
    if not drafts:
        return None
    for draft in drafts:
        # Straight to the questions, filled in with what they saved.
        draft.continue_url = f"{draft.consultation.get_url(request)}#answer"
    return {"drafts": drafts}
