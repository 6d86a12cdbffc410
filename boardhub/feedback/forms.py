from django import forms

from boardhub.consultations.models import FeedbackStatus

from . import handling, quotes
from .models import Theme
from .notifications import recipient_for

# The renderer (templates/forms/optional.html) adds "(optional)" to every optional field's
# label: never write it in a label as well.
NOTE_FOR_MEMBER = "They can read this. It is needed when it is not taken forward: say why."
NOTE_FOR_PUBLIC = (
    "It is kept in the response's history. The person who sent it did not sign in, so we "
    "cannot send it to them. It is needed when it is not taken forward: say why."
)
NOTE_FOR_CONTACT = (
    "We send it to them the way they asked to hear back. It is needed when it is not taken "
    "forward: say why."
)
INTERNAL_NOTE_HINT = "Only officers read this. The person who sent the response never sees it."


class ResponseForm(forms.Form):
    """Everything an officer decides about a response, saved together: its status (with the
    note to the person who sent it), a theme to add, and an internal note. Only what changed
    is saved; a form that changes nothing says so. A form sent twice, or drawn before someone
    else saved the response, saves nothing and says so (see `seen`)."""

    status = forms.ChoiceField(
        label="Status",
        choices=FeedbackStatus.choices,
        error_messages={"required": "Choose the status"},
    )
    note_to_author = forms.CharField(
        label="Note to the person who sent it",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Write the note in 2,000 characters or fewer"},
    )
    theme = forms.ModelChoiceField(
        label="Add a theme",
        queryset=Theme.objects.all(),
        required=False,
        empty_label="No new theme",
        error_messages={
            "invalid_choice": "Choose a theme from the list. It may be on this response already"
        },
    )
    internal_note = forms.CharField(
        label="Internal note",
        help_text=INTERNAL_NOTE_HINT,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Write the note in 5,000 characters or fewer"},
    )

    # What had been decided on the response when the page was drawn: see clean().
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, feedback, **kwargs):
        self.decided = handling.decisions_so_far(feedback)
        kwargs.setdefault("initial", {"status": feedback.status, "seen": self.decided})
        super().__init__(*args, **kwargs)
        self.feedback = feedback
        if feedback.member_id:
            self.fields["note_to_author"].help_text = NOTE_FOR_MEMBER
        elif recipient_for(feedback) is not None:
            # Not signed in, but they asked for a reply ("Tell us", or recorded by an
            # officer): the note goes in the message about the new status.
            self.fields["note_to_author"].help_text = NOTE_FOR_CONTACT
        else:
            self.fields["note_to_author"].label = "Note to keep in its history"
            self.fields["note_to_author"].help_text = NOTE_FOR_PUBLIC
        self.fields["theme"].queryset = Theme.objects.exclude(feedback_links__feedback=feedback)

    def show_as_seen_now(self):
        """Redraw the form with what was typed and with today's mark of what is decided."""
        self.decided = handling.decisions_so_far(self.feedback)
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = self.decided

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen") != self.decided:
            # Sent twice, or someone saved this response since the page was drawn. What was
            # typed is kept, with today's mark, so that saving again saves it.
            self.show_as_seen_now()
            raise forms.ValidationError(
                "Nothing was saved: this response changed since you opened it (someone saved "
                "it, or this form was sent twice). Check it below, then save again if you "
                "still need to"
            )
        status = cleaned.get("status")
        note = (cleaned.get("note_to_author") or "").strip()
        if self.errors:
            return cleaned
        status_changes = status != self.feedback.status
        if note and not status_changes:
            self.add_error(
                "note_to_author",
                "Choose a new status to send this note with, or move it to the internal note",
            )
        elif status == FeedbackStatus.NOT_TAKEN_FORWARD and status_changes and not note:
            self.add_error(
                "note_to_author",
                "Write the reason it is not being taken forward"
                + (". The person who sent it will read this" if self.feedback.member_id else ""),
            )
        elif not (status_changes or cleaned.get("theme") or cleaned.get("internal_note")):
            raise forms.ValidationError(
                "Nothing to save: choose a new status, a theme to add or write an internal note"
            )
        return cleaned


class ThemeForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        empty_label="Choose a theme",
        error_messages={"required": "Choose a theme"},
    )


class SafeguardingForm(forms.Form):
    reason = forms.CharField(
        label="Why does this need safeguarding?",
        help_text="Only the safeguarding group will be able to open this response after this.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write why it needs safeguarding"},
    )


class DeletionForm(forms.Form):
    reason = forms.CharField(
        label="Why are you deleting this response?",
        help_text=(
            "For example: the person asked us to, or it was sent twice. We keep your reason "
            "in the audit log, with your name and the time. We do not keep the answers."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write why you are deleting this response",
            "max_length": "Write the reason in 2,000 characters or fewer",
        },
    )


class QuoteAnswerForm(forms.Form):
    """A member's answer, in their account, to "May we quote these words?"."""

    agreed = forms.ChoiceField(
        label="May we quote these words?",
        choices=[("yes", "Yes, you may quote these words"), ("no", "No, do not quote them")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )


class QuoteForm(forms.Form):
    """A few of the response's words to quote in the evidence pack, copied as typed."""

    words = forms.CharField(
        label="Words to quote",
        help_text=(
            "Copy a sentence or two from the answers above, exactly as they are. Leave out "
            "anything that could tell who sent it."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Copy the words to quote from the answers",
            "max_length": "Quote 500 characters or fewer",
        },
    )

    def __init__(self, *args, answers, **kwargs):
        self.answers = answers
        super().__init__(*args, **kwargs)

    def clean_words(self):
        words = self.cleaned_data["words"]
        if not quotes.is_own_words(words, self.answers):
            raise forms.ValidationError(
                "Copy the words exactly as they are in the answers: a quote is the person's "
                "own words, never ours"
            )
        return words
