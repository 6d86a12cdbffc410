"""boardhub.core.widgets.Select writes the same HTML as Django's own <select>."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from boardhub.core.widgets import Select

CHOICES = [
    ("", "Any service"),
    ("home-care", "Home care"),
    ("meals", "Meals & <drinks>"),
    (2026, "2026"),
    ('quote"d', mark_safe("<b>Safe</b> label")),
]
GROUPED = [("", "Any"), ("Group & one", [("a", "A"), ("b", "B")]), ("c", "C")]


def both(choices, value, attrs=None, **widget_attrs):
    ours = Select(attrs=widget_attrs, choices=choices).render("service", value, attrs)
    djangos = forms.Select(attrs=widget_attrs, choices=choices).render("service", value, attrs)
    return str(ours), str(djangos)


@pytest.mark.parametrize("value", [None, "", "home-care", "2026", "no-such", ["meals"]])
def test_the_options_and_the_chosen_one_are_as_django_writes_them(value):
    ours, djangos = both(CHOICES, value, {"id": "id_service"})

    assert ours == djangos


def test_groups_and_attributes_are_as_django_writes_them():
    ours, djangos = both(
        GROUPED,
        "b",
        {"id": "id_x", "aria-describedby": "id_x_error", "aria-invalid": "true"},
        **{"class": "select", "required": True, "disabled": False, "data-x": 'a"b'},
    )

    assert ours == djangos


def test_a_form_field_with_it_renders_as_one_with_djangos():
    class Ours(forms.Form):
        service = forms.ChoiceField(choices=CHOICES, required=False, widget=Select)

    class Djangos(forms.Form):
        service = forms.ChoiceField(choices=CHOICES, required=False)

    data = {"service": "no-such"}
    ours, djangos = Ours(data), Djangos(data)
    assert not ours.is_valid() and not djangos.is_valid()

    assert str(ours) == str(djangos)
    assert ours["service"].widget_type == "select"
