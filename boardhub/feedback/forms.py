from django import forms

from boardhub.consultations.models import FeedbackStatus

from .models import Theme


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        choices=FeedbackStatus.choices,
        error_messages={"required": "Choose the new status"},
    )
    note = forms.CharField(
        label="Note to the person who sent it (optional)",
        help_text="They can read this. It is needed when it is not taken forward: say why.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ThemeForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        empty_label="Choose a theme",
        error_messages={"required": "Choose a theme"},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note",
        help_text="Only officers read this. The person who sent the response never sees it.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the note"},
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
