from django import forms

from boardhub.consultations.forms import AnswerLengthValidator

from .models import Answer, SupportNeed
from .models.rsvps import NEEDS_WITH_DETAIL

DETAIL_LABELS = {
    SupportNeed.OTHER_INTERPRETER: "Which language?",
    SupportNeed.DIETARY: "What do you need to eat or avoid?",
    SupportNeed.OTHER: "Tell us what would help, in your own words",
}
DETAIL_MAX_LENGTH = 500


class RSVPForm(forms.Form):
    """ "Are you coming?" and the support the member needs for this meeting."""

    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are coming, and how."},
    )
    needs = forms.MultipleChoiceField(
        label="What support do you need for this meeting?",
        help_text="Choose all that apply. We have ticked what you told us in your profile.",
        choices=SupportNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    may_be_named = forms.BooleanField(
        label="You can write my name in the public minutes",
        help_text="If you leave this empty, the minutes and the list of who came say "
        "'a board member', not your name.",
        required=False,
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        for need in NEEDS_WITH_DETAIL:
            # Kept however long it is, so a refusal sends back every word they typed.
            self.fields[f"{need}_detail"] = forms.CharField(
                label=DETAIL_LABELS[need],
                required=False,
                strip=False,
                validators=[AnswerLengthValidator(DETAIL_MAX_LENGTH)],
                widget=forms.Textarea(attrs={"rows": 3}) if need == SupportNeed.OTHER else None,
            )
        if meeting is not None:
            offered = [
                choice
                for choice in Answer.choices
                if choice[0] != Answer.IN_PERSON or meeting.in_person
                if choice[0] != Answer.ONLINE or meeting.online
            ]
            self.fields["answer"].choices = offered
            if meeting.members_only:
                del self.fields["may_be_named"]  # its minutes are for members only

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("needs") or []
        for need in NEEDS_WITH_DETAIL:
            if need in needs and not (cleaned.get(f"{need}_detail") or "").strip():
                self.add_error(
                    f"{need}_detail", "Tell us what you need, so that we can arrange it."
                )
        return cleaned

    def details(self):
        return {need: self.cleaned_data.get(f"{need}_detail", "") for need in NEEDS_WITH_DETAIL}
