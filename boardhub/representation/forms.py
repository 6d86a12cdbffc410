"""Entering a reference population: a box for each category of each characteristic, or the
figures pasted from a spreadsheet, one "question, group, figure" a line."""

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .characteristics import CHARACTERISTICS, ETHNICITY
from .models import ETHNIC_GROUPS_KEY, checked_figures

PASTED = "pasted"


def box_name(characteristic_key, category_key):
    return f"figure__{characteristic_key}__{category_key}"


def boxes():
    """[(characteristic key, heading, [(box name, category)])], in the order of the form."""
    sections = []
    for characteristic in CHARACTERISTICS:
        leaves = list(characteristic.leaves())
        sections.append((characteristic.key, characteristic.name, leaves))
        if characteristic is ETHNICITY:
            sections.append(
                (
                    ETHNIC_GROUPS_KEY,
                    "Ethnic group: the 5 high-level groups only",
                    list(ETHNICITY.categories),
                )
            )
    return [
        (key, heading, [(box_name(key, category.key), category) for category in categories])
        for key, heading, categories in sections
    ]


def _labels():
    """{(question, group) in lower case: (characteristic key, category key)} for pasting."""
    known = {}
    for key, __, categories in boxes():
        names = {key}
        if key == ETHNIC_GROUPS_KEY:
            names |= {"ethnic group"}
        else:
            names |= {next(c for c in CHARACTERISTICS if c.key == key).name.lower()}
        for name in names:
            for __, category in categories:
                for word in (category.key, category.label.lower()):
                    known.setdefault((name.lower(), word), (key, category.key))
    return known


class BaseReferencePopulationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, numbers in (self.instance.figures or {}).items():
            for category, number in numbers.items():
                name = box_name(key, category)
                if name in self.fields:
                    self.initial.setdefault(name, number)

    def clean(self):
        cleaned = super().clean()
        figures = {}
        for key, __, named in boxes():
            numbers = {category.key: cleaned.get(name) for name, category in named}
            numbers = {k: v for k, v in numbers.items() if v is not None}
            if numbers:
                figures[key] = numbers
        pasted = cleaned.get(PASTED, "").strip()
        if pasted:
            try:
                figures = {**figures, **parse_pasted(pasted)}
            except ValidationError as error:
                self.add_error(PASTED, error)
                return cleaned
        try:
            self.instance.figures = checked_figures(figures, cleaned.get("kind"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


def parse_pasted(text):
    """{characteristic key: {category key: figure}} from "question, group, figure" lines;
    a ValidationError naming each line that does not match one of our groups."""
    known = _labels()
    figures, problems = {}, []
    for number, line in enumerate(csv.reader(io.StringIO(text), skipinitialspace=True), start=1):
        cells = [cell.strip() for cell in line]
        if not any(cells):
            continue
        if len(cells) != 3:
            problems.append(f"Line {number}: give the question, the group and the figure")
            continue
        question, group, figure = cells
        match = known.get((question.lower(), group.lower()))
        if match is None:
            problems.append(
                f"Line {number}: “{question}, {group}” is not one of our questions and groups. "
                "Use the words of the boxes above, for example “Age, 75 to 84, 8.1”"
            )
            continue
        figures.setdefault(match[0], {})[match[1]] = figure.replace("%", "").replace(",", "")
    if problems:
        raise ValidationError(problems)
    return figures


def _form_class():
    attrs = {
        PASTED: forms.CharField(
            label="Or paste the figures",
            required=False,
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=(
                "One figure a line: the question, the group and the figure, with commas "
                "between, for example “Age, 75 to 84, 8.1”. Pasted figures replace the boxes."
            ),
        )
    }
    for __, __, named in boxes():
        for name, category in named:
            attrs[name] = forms.DecimalField(
                label=category.label,
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                error_messages={"min_value": "A figure cannot be negative"},
            )
    return type(BaseReferencePopulationForm)(
        "ReferencePopulationForm", (BaseReferencePopulationForm,), attrs
    )


ReferencePopulationForm = _form_class()
