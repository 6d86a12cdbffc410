"""A member's own feedback, in their account area: "Your feedback" lists every response they
sent while signed in, and each response has a page with its answers and its history.

They are pages of /account/ (boardhub.members.account_area), apart from the officers' pages in
viewsets.py. Each works on request.user alone: anyone but a response's author gets "Page not
found", and the history shows the author only when it moved and what we told them, never who
moved it, notes between officers, or safeguarding flags.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from boardhub.consultations.models import Feedback

from . import quotes
from .forms import QuoteAnswerForm
from .models import MemberAnswer, Quote, StatusChange

WITHOUT_QUOTE = ("reference", "status", "submit_time", "form_data", "member_id", "page__title")
QUOTE_FIELDS = ("quote__words", "quote__member_answer", "quote__answered_at", "quote__feedback_id")


def own_feedback(user):
    """The responses `user` sent, newest first, each with its history for its author."""
    history = StatusChange.objects.only(
        "feedback_id", "from_status", "to_status", "changed_at", "note_to_author"
    )
    return (
        Feedback.objects.filter(member=user, reference__isnull=False)
        .select_related("page")
        .only(*WITHOUT_QUOTE)
        .prefetch_related(Prefetch("status_changes", queryset=history))
        .order_by("-submit_time", "-pk")
    )


@login_required
def your_feedback(request):
    # The list shows no answers: leave them in the database.
    asked = Quote.objects.filter(feedback=OuterRef("pk"), member_answer=MemberAnswer.ASKED)
    responses = own_feedback(request.user).defer("form_data").annotate(quote_asked=Exists(asked))
    return render(request, "feedback/account/feedback_list.html", {"responses": responses})


@login_required
def feedback_detail(request, reference):
    """One response. What it changed is impact's to say: the template asks impact_tags.
    Where an officer would like to quote some of its words, the member answers here."""
    with_quote = own_feedback(request.user).select_related("quote")
    feedback = get_object_or_404(
        with_quote.only(*WITHOUT_QUOTE, *QUOTE_FIELDS), reference=reference
    )
    consultation = feedback.page.specific
    quote = getattr(feedback, "quote", None)
    answered = quote is not None and quote.member_answer != MemberAnswer.ASKED
    form = QuoteAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"agreed": quote.member_answer} if answered else None,
    )
    if quote and request.method == "POST" and form.is_valid():
        quotes.answer(quote, form.cleaned_data["agreed"] == "yes")
        messages.success(
            request,
            "Thank you. We may quote these words."
            if quote.member_answer == MemberAnswer.YES
            else "Thank you. We will not quote these words.",
        )
        return redirect("members:feedback_detail", reference=reference)
    return render(
        request,
        "feedback/account/feedback_detail.html",
        {
            "feedback": feedback,
            "consultation": consultation,
            "answers": feedback.get_answers(consultation.get_form_fields()),
            "quote": quote,
            "form": form if quote else None,
        },
    )
