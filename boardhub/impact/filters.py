from django import forms

from boardhub.services.models import Service

from .models import ChangeRecord, ChangeStatus


class ChangeFilterForm(forms.Form):
    """The filters on the "you said, we did" page: a GET form that works without JavaScript.

    Only services and years that have a published change are offered, so no choice leads to
    an empty list.
    """

    # Every filter may be left as it is, so none says "(optional)" (templates/forms/).
    is_filter = True

    service = forms.ModelChoiceField(
        label="Service",
        queryset=Service.objects.none(),
        to_field_name="slug",
        empty_label="Any service",
        required=False,
        error_messages={"invalid_choice": "Choose a service from the list"},
    )
    year = forms.TypedChoiceField(
        label="Year agreed",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )
    status = forms.ChoiceField(
        label="Where it is up to",
        choices=[("", "Any")] + ChangeStatus.choices,
        required=False,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = ChangeRecord.objects.published()
        self.fields["service"].queryset = Service.objects.filter(
            change_links__change__in=published
        ).distinct()
        years = published.dates("agreed_on", "year", order="DESC")
        self.fields["year"].choices = [("", "Any year")] + [
            (str(day.year), str(day.year)) for day in years
        ]

    def filter(self, changes):
        """`changes` narrowed to the valid filters chosen; invalid ones are ignored (and shown
        as errors on the form)."""
        if not self.is_bound:
            return changes
        self.is_valid()
        chosen = getattr(self, "cleaned_data", {})
        if chosen.get("service"):
            changes = changes.filter(service_links__service=chosen["service"])
        if chosen.get("year"):
            changes = changes.filter(agreed_on__year=chosen["year"])
        if chosen.get("status"):
            changes = changes.filter(status=chosen["status"])
        return changes

    @property
    def is_filtered(self):
        chosen = getattr(self, "cleaned_data", {})
        return any(chosen.get(name) for name in ("service", "year", "status"))
