"""Quotes: a few of a person's own words, in the evidence pack, only where they agreed.

The one rule, decided each time a pack is built, never stored:

- an officer marked the words (a Quote), and they are the person's own, as typed;
- the response is not flagged for safeguarding (those are never quoted, whoever agreed);
- the author agreed: a member is asked in their account about these very words, and may
  change their answer at any time (a "no" stops the quote in every pack built after it);
  anyone else only where they left contact details, so that they could take it back, and
  ticked "you may quote my words" (their receipt says how to take it back).
"""

from django.db.models import Q
from django.utils import timezone
from wagtail import log_actions

from .models import MemberAnswer, Quote

AUTHOR_AGREED = Q(feedback__member__isnull=False, member_answer=MemberAnswer.YES) | Q(
    feedback__member__isnull=True, feedback__reply_contact__may_quote=True
)
WITH_CONTACT = (
    Q(feedback__member__isnull=False)
    | ~Q(feedback__reply_contact__email="")
    | ~Q(feedback__reply_contact__phone="")
    | ~Q(feedback__reply_contact__postal_address="")
    | ~Q(feedback__reply_contact__supporter_contact="")
)


def quotable():
    """The quotes that may be used now."""
    return Quote.objects.filter(AUTHOR_AGREED, WITH_CONTACT, feedback__safeguarding_flag=None)


def quotes_for_changes(changes):
    """{change pk: [words]}: the quotable words of the responses that shaped each change."""
    found = {}
    rows = (
        quotable()
        .filter(feedback__change_links__change__in=changes)
        .values_list("feedback__change_links__change", "words")
        .order_by("feedback__submit_time", "pk")
    )
    for change, words in rows:
        found.setdefault(change, []).append(words)
    return found


def is_own_words(words, answers):
    """Whether `words` are taken from the person's answers as they typed them (spaces and
    line breaks aside), so that a quote is never a paraphrase."""
    typed = " ".join(" ".join(str(answer) for __, answer in answers).split())
    return bool(words.strip()) and " ".join(words.split()) in typed


QUOTE_MARKED = "boardhub.feedback.quote_marked"
QUOTE_REMOVED = "boardhub.feedback.quote_removed"
LOG_ACTIONS = (
    (QUOTE_MARKED, "Mark words to quote", "Words marked to quote in the evidence pack"),
    (QUOTE_REMOVED, "Stop quoting words", "Words no longer to be quoted"),
)


def consent_in_words(feedback):
    """Whether the words marked on `feedback` would be quoted now, and why, for its page."""
    if getattr(feedback, "safeguarding_flag", None) is not None:
        return "It will never be quoted: it is flagged for safeguarding."
    if quotable().filter(feedback=feedback).exists():
        return "The person who sent it agreed, so the evidence pack may quote these words."
    if feedback.member_id:
        if feedback.quote.member_answer == MemberAnswer.NO:
            return "The member said no in their account, so these words are not quoted."
        return (
            "The member is asked in their account. Until they say yes, these words are not quoted."
        )
    return (
        "They did not leave contact details and say we may quote them, so these words are "
        "not quoted."
    )


def mark(feedback, words, by):
    """Keep `words` as the quote of `feedback` (replacing any), and log it. A member is asked
    again whenever the words change: they agreed to the words they read."""
    kept = Quote.objects.filter(feedback=feedback).first()
    if kept is not None and kept.words == words:
        return kept
    quote, __ = Quote.objects.update_or_create(
        feedback=feedback,
        defaults={
            "words": words,
            "marked_by": by,
            "marked_at": timezone.now(),
            "member_answer": MemberAnswer.ASKED if feedback.member_id else "",
            "answered_at": None,
        },
    )
    log_actions.log(feedback, QUOTE_MARKED, user=by)
    return quote


def answer(quote, agreed):
    """The member's answer, from their account."""
    quote.member_answer = MemberAnswer.YES if agreed else MemberAnswer.NO
    quote.answered_at = timezone.now()
    quote.save(update_fields=["member_answer", "answered_at"])


def unmark(feedback, by):
    if Quote.objects.filter(feedback=feedback).delete()[0]:
        log_actions.log(feedback, QUOTE_REMOVED, user=by)
