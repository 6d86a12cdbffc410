from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from boardhub.core.widgets import Select
from boardhub.members.choices import Format
from boardhub.services.models import Service


def too_long_message(length, limit):
    """What to do about an answer over a question's limit, in numbers people can act on."""
    over = length - limit
    return (
        f"Your answer is {length:,} characters long; the most we can take is {limit:,}. "
        f"Shorten it by {over:,} character{'s' if over != 1 else ''}."
    )


class AnswerLengthValidator(MaxLengthValidator):
    """Django's limit on an answer's length, saying how long it is and how much to cut."""

    code = "answer_too_long"

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise ValidationError(too_long_message(len(value), self.limit_value), code=self.code)


def with_plain_length_limits(form_fields):
    """`form_fields` (name: field), each limit on length saying how much to cut."""
    for field in form_fields.values():
        field.validators = [
            AnswerLengthValidator(validator.limit_value)
            if type(validator) is MaxLengthValidator
            else validator
            for validator in field.validators
        ]
    return form_fields


STATUS_FILTER_CHOICES = [
    ("", "Any"),
    ("open", "Open now"),
    ("upcoming", "Not open yet"),
    ("closed", "Closed"),
]


def service_choices():
    """Every service, as [slug, name] by name: what the service filter offers. Plain lists of
    text, so that the shared cache can keep them (ConsultationIndexPage.get_context)."""
    return [
        list(service) for service in Service.objects.order_by("name").values_list("slug", "name")
    ]


class ConsultationFilterForm(forms.Form):
    """The filters on the consultations page: a GET form that works without JavaScript.

    Pass `services` (from service_choices) to save looking them up.
    """

    # Every filter may be left as it is, so none says "(optional)" (templates/forms/).
    is_filter = True

    status = forms.ChoiceField(
        label="Show consultations that are",
        choices=STATUS_FILTER_CHOICES,
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Choose open, not open yet or closed"},
    )
    # The service's slug; the choices are set in __init__.
    service = forms.ChoiceField(
        label="About the service",
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Choose a service from the list"},
    )

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is None:
            services = service_choices()
        self.fields["service"].choices = [("", "Any service")] + [
            (slug, name) for slug, name in services
        ]


class FormatRequestForm(forms.Form):
    """Ask for a consultation in another format, such as easy read or large print."""

    format = forms.ChoiceField(
        label="Which format would you like?",
        choices=Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the format you would like"},
    )
    contact_details = forms.CharField(
        label="How should we get it to you?",
        help_text="Give your name and an email address, phone number or postal address.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Tell us how to get it to you",
            "max_length": "Keep this to 1,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "format")
        super().__init__(*args, **kwargs)
