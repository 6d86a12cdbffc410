"""The questions a consultation asks, built into a form by Wagtail's form builder, with the 1 to
5 agreement scale and plain-English errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField

from ..forms import with_plain_length_limits

DASH = "\N{EN DASH}"
# The honeypot box on every consultation form. Questions' names are snake_case, so a name with
# a hyphen can never clash with one.
HONEYPOT_FIELD = "your-website"


class QuestionType(models.TextChoices):
    SINGLELINE = "singleline", "Short text"
    MULTILINE = "multiline", "Long text"
    RADIO = "radio", "Single choice"
    CHECKBOXES = "checkboxes", "Multiple choice"
    DROPDOWN = "dropdown", "Dropdown list"
    AGREEMENT = "agreement", "Agreement scale (1 to 5)"


CHOICE_TYPES = {QuestionType.RADIO, QuestionType.CHECKBOXES, QuestionType.DROPDOWN}

AGREEMENT_CHOICES = [
    ("1", f"1 {DASH} Strongly disagree"),
    ("2", f"2 {DASH} Disagree"),
    ("3", f"3 {DASH} Neither agree nor disagree"),
    ("4", f"4 {DASH} Agree"),
    ("5", f"5 {DASH} Strongly agree"),
]


class ConsultationFormBuilder(FormBuilder):
    """Wagtail's form builder, with the 1 to 5 agreement scale and plain-English errors."""

    @property
    def formfields(self):
        return with_plain_length_limits(super().formfields)

    def get_field_options(self, field):
        options = super().get_field_options(field)  # escapes the hint (help text)
        options["error_messages"] = {"required": f"Answer the question: {field.label}"}
        return options

    def create_multiline_field(self, field, options):
        options["widget"] = forms.Textarea(attrs={"rows": 6})
        options.setdefault("max_length", 10000)
        return super().create_multiline_field(field, options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "Choose one"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_agreement_field(self, field, options):
        options["choices"] = AGREEMENT_CHOICES
        options.setdefault("widget", forms.RadioSelect)
        return forms.ChoiceField(**options)


class ConsultationFormField(AbstractFormField):
    """One question on a consultation."""

    page = ParentalKey("ConsultationPage", on_delete=models.CASCADE, related_name="form_fields")
    # Wagtail's own words ("Label", "Field type", a "---------" choice) are for developers:
    # officers read these.
    label = models.CharField(
        "the question",
        max_length=255,
        help_text="Ask one thing, in plain words. People see this above the answer box.",
    )
    help_text = models.CharField(
        "hint",
        max_length=255,
        blank=True,
        help_text="Optional. A few words under the question that help people answer it.",
    )
    required = models.BooleanField("people must answer this question", default=True)
    field_type = models.CharField(
        "type of answer",
        max_length=16,
        choices=QuestionType.choices,
        default=QuestionType.SINGLELINE,
    )
    field_type.required_on_save = True
    choices = models.TextField(
        "answers to choose from (one a line)",
        blank=True,
        help_text="Only for single choice, multiple choice and dropdown list questions.",
    )
    default_value = models.TextField(
        "answer filled in already",
        blank=True,
        help_text="Optional. Usually leave this empty, so people choose for themselves.",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        # Wagtail's form builder needs the type to build a preview, even of a draft.
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("required"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = "question"

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_TYPES and not self.choices.strip():
            raise ValidationError(
                {"choices": "Give the answers people can choose from, one on each line."}
            )


def answers_in(form):
    """The answers in a checked (valid) form: everything but the honeypot box."""
    return {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
