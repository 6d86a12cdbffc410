from django import forms

from boardhub.core.widgets import Select
from boardhub.services.models import Service

from .models import ChangeRecord, ChangeStatus


def filter_choices():
    """The services and years that have a published change: what the filters offer. Plain
    lists of text, so that the shared cache can keep them (boardhub.impact.public_views)."""
    published = ChangeRecord.objects.published()
    services = (
        Service.objects.filter(change_links__change__in=published)
        .order_by("name")
        .values_list("slug", "name")
        .distinct()
    )
    years = published.dates("agreed_on", "year", order="DESC")
    return {
        "services": [list(service) for service in services],
        "years": [str(day.year) for day in years],
    }


class ChangeFilterForm(forms.Form):
    """The filters on the "you said, we did" page: a GET form that works without JavaScript.

    Only services and years that have a published change are offered, so no choice leads to
    an empty list. Pass `choices` (from filter_choices) to save looking them up.
    """

    # Every filter may be left as it is, so none says "(optional)" (templates/forms/).
    is_filter = True

    # The service's slug; the choices are set in __init__.
    service = forms.ChoiceField(
        label="Service",
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Choose a service from the list"},
    )
    year = forms.TypedChoiceField(
        label="Year agreed",
        coerce=int,
        empty_value=None,
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )
    status = forms.ChoiceField(
        label="Where it is up to",
        choices=[("", "Any")] + ChangeStatus.choices,
        required=False,
        widget=Select,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = filter_choices()
        self.fields["service"].choices = [("", "Any service")] + [
            (slug, name) for slug, name in choices["services"]
        ]
        self.fields["year"].choices = [("", "Any year")] + [
            (year, year) for year in choices["years"]
        ]

    def filter(self, changes):
        """`changes` narrowed to the valid filters chosen; invalid ones are ignored (and shown
        as errors on the form)."""
        if not self.is_bound:
            return changes
        self.is_valid()
        chosen = getattr(self, "cleaned_data", {})
        if chosen.get("service"):
            changes = changes.filter(service_links__service__slug=chosen["service"])
        if chosen.get("year"):
            changes = changes.filter(agreed_on__year=chosen["year"])
        if chosen.get("status"):
            changes = changes.filter(status=chosen["status"])
        return changes

    @property
    def is_filtered(self):
        chosen = getattr(self, "cleaned_data", {})
        return any(chosen.get(name) for name in ("service", "year", "status"))
