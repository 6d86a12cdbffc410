"""Officers' forms in the admin for linking responses to changes."""

from django import forms
from django.db.models import Q
from wagtail.models import Page

from boardhub.consultations.models import ConsultationPage
from boardhub.feedback.models import TellUsPage, Theme
from boardhub.feedback.search import search_responses
from boardhub.services.models import Service

from .models import ChangeRecord

NOTE_HELP = (
    "The person who sent each response reads this, with the change. "
    "Do not write anything about anyone else."
)


def note_field():
    return forms.CharField(
        label="Note to the people who sent them",
        help_text=NOTE_HELP,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResponseFilterForm(forms.Form):
    """Narrow the responses to choose from, and find one by its reference or by words in its
    answers (boardhub.feedback.search). Every field is optional.

    Opened with nothing chosen (no field in the query string), the list starts on the change's
    own consultation, the one its responses most likely come from; choosing "All
    consultations" and showing the responses lists every consultation's."""

    FIELDS = ("search", "consultation", "service", "theme")

    search = forms.CharField(
        label="Find a response",
        help_text="Type its reference, such as BH-2026-000123, or words from its answers.",
        required=False,
        max_length=200,
    )
    consultation = forms.ModelChoiceField(
        label="Consultation",
        queryset=ConsultationPage.objects.order_by("title"),  # and "Tell us": __init__
        required=False,
        empty_label="All consultations",
    )
    service = forms.ModelChoiceField(
        label="Service",
        queryset=Service.objects.order_by("name"),
        required=False,
        empty_label="All services",
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.order_by("name"),
        required=False,
        empty_label="All themes",
    )

    def __init__(self, data=None, *, change=None, **kwargs):
        if change is not None and not any(name in (data or {}) for name in self.FIELDS):
            links = change.consultation_links.order_by("pk").values_list("consultation", flat=True)
            first = links.first()
            if first is not None:
                data = {"consultation": str(first)}
        super().__init__(data, **kwargs)
        # The "Tell us" page's responses are chosen as a consultation's are. Set here: the
        # page types are looked up when a form is made, never when the module is imported.
        self.fields["consultation"].queryset = Page.objects.type(
            ConsultationPage, TellUsPage
        ).order_by("title")

    def filter(self, feedback):
        """`feedback` narrowed by what was chosen (all of it when nothing was), then searched."""
        if not self.is_valid():
            return feedback
        chosen = self.cleaned_data
        feedback = search_responses(feedback, chosen["search"])
        if chosen["consultation"]:
            feedback = feedback.filter(page=chosen["consultation"])
        if chosen["service"]:
            feedback = feedback.filter(
                Q(page__consultationpage__services=chosen["service"])
                | Q(general__service=chosen["service"])  # what a "Tell us" response is about
            )
        if chosen["theme"]:
            feedback = feedback.filter(theme_links__theme=chosen["theme"])
        return feedback


class LinkResponsesForm(forms.Form):
    """The responses ticked in the list, and a note to their authors."""

    responses = forms.ModelMultipleChoiceField(
        label="Responses",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one response to link",
            "invalid_choice": "You cannot link one of the responses you chose. Choose again.",
            "invalid_pk_value": "You cannot link one of the responses you chose. Choose again.",
        },
    )
    note = note_field()

    def __init__(self, *args, responses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responses"].queryset = responses


class ChangeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, change):
        state = "published" if change.live else "draft, not published yet"
        return f"{change.title} ({state})"


class LinkToChangeForm(forms.Form):
    """For the bulk action on the feedback listing: which change the responses shaped."""

    change = ChangeChoiceField(
        label="Change",
        help_text="The newest changes are first.",
        queryset=ChangeRecord.objects.order_by("-pk"),
        empty_label="Choose a change",
        error_messages={"required": "Choose the change these responses shaped"},
    )
    note = note_field()
