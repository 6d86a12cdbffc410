"""Reference populations: the people the board is set against ("Census 2021, Larkfield",
"People receiving long-term support, 2024/25"), each with counts or shares per category of
the characteristics members are asked about (boardhub.representation.characteristics)."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .characteristics import BY_KEY, ETHNICITY, PREFER_NOT

# Shares are typed rounded, so their sum may be off 100 by a little.
SHARE_ROUNDING = Decimal("1.0")
# Ethnic group figures may be given for the 5 high-level groups only, under this key.
ETHNIC_GROUPS_KEY = "ethnic_group_5"


class ReferencePopulation(models.Model):
    class Kind(models.TextChoices):
        COUNTS = "counts", "Counts of people"
        SHARES = "shares", "Percentages (adding up to 100)"

    name = models.CharField(
        max_length=120, unique=True, help_text="For example “Census 2021, Larkfield”."
    )
    who = models.CharField(
        "who it counts",
        max_length=120,
        help_text=(
            "In a few words that finish the sentence “14 in 100 …”, for example “people in "
            "Larkfield” or “people who get long-term support”."
        ),
    )
    source = models.CharField(
        max_length=255, help_text="Where the figures come from, for example “ONS, Census 2021”."
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900)], help_text="The year the figures describe."
    )
    link = models.URLField("link to the source", blank=True)
    kind = models.CharField(
        "the figures are", max_length=10, choices=Kind.choices, default=Kind.SHARES
    )
    # {characteristic key: {category key: number}}: only the characteristics it covers.
    figures = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "reference population"

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.year and self.year > timezone.localdate().year:
            errors["year"] = "The year cannot be in the future"
        try:
            self.figures = checked_figures(self.figures or {}, self.kind)
        except ValidationError as error:
            # Not keyed to "figures": the admin's form has a box per group, not that field.
            errors[NON_FIELD_ERRORS] = error.messages
        if errors:
            raise ValidationError(errors)

    def shares(self, characteristic_key):
        """{category key: share from 0 to 1} for one characteristic, or None if the figures
        do not cover it. Ethnic group shares come for both levels when detailed figures are
        given, and for the high-level groups only when only those are."""
        given = _decimals(self.figures.get(characteristic_key))
        total = sum(given.values())
        if characteristic_key == ETHNICITY.key:
            groups = _decimals(self.figures.get(ETHNIC_GROUPS_KEY)) or group_sums(given)
            given, total = {**given, **groups}, sum(groups.values())
        if not total:
            return None
        return {key: float(value / total) for key, value in given.items()}


def _decimals(numbers):
    return {key: Decimal(str(value)) for key, value in (numbers or {}).items()}


def group_sums(detailed):
    """The high-level ethnic groups' figures, from the detailed groups'."""
    if not detailed:
        return {}
    return {
        group.key: sum(Decimal(str(detailed.get(c.key, 0))) for c in group.detailed)
        for group in ETHNICITY.categories
    }


def checked_figures(figures, kind):
    """`figures` with each number as a string of a Decimal, or a ValidationError saying
    everything wrong: an unknown characteristic or category, a negative number, figures
    missing for some categories, or shares that do not add up to 100."""
    problems = []
    checked = {}
    for key, given in figures.items():
        characteristic = BY_KEY.get(key)
        if key == ETHNIC_GROUPS_KEY:
            expected, name, plural = list(ETHNICITY.categories), "Ethnic group", "ethnic groups"
        elif characteristic is None:
            problems.append(f"“{key}” is not one of the questions members answer")
            continue
        else:
            expected = list(characteristic.leaves())
            name, plural = characteristic.name, characteristic.plural
        numbers, wrong = _numbers(given, expected, name, plural)
        problems += wrong
        if numbers:
            checked[key] = numbers
    for key, numbers in checked.items():
        problems += _whole(key, numbers, kind)
    if ETHNICITY.key in checked and ETHNIC_GROUPS_KEY in checked:
        problems += _groups_agree(checked[ETHNICITY.key], checked[ETHNIC_GROUPS_KEY], kind)
    if problems:
        raise ValidationError(problems)
    return {key: {k: str(v) for k, v in numbers.items()} for key, numbers in checked.items()}


def _numbers(given, expected, name, plural):
    known = {category.key: category for category in expected}
    numbers, problems = {}, []
    for key, value in given.items():
        if key == PREFER_NOT:
            problems.append(f"{name}: a population has no “prefer not to say”: leave it out")
        elif key not in known:
            ours = ", ".join(category.label for category in expected)
            problems.append(f"{name}: “{key}” is not one of our {plural}. Ours are: {ours}")
        elif value in (None, ""):
            continue
        else:
            try:
                number = Decimal(str(value))
            except ArithmeticError:
                problems.append(f"{name}, {known[key].label}: “{value}” is not a number")
                continue
            if not number.is_finite() or number < 0:
                problems.append(f"{name}, {known[key].label}: a figure cannot be negative")
            else:
                numbers[key] = number
    if numbers and len(numbers) < len(known):
        missing = ", ".join(c.label for c in expected if c.key not in numbers)
        problems.append(
            f"{name}: give a figure for every one of our {plural}, or none. Missing: {missing}"
        )
    return numbers, problems


def _name(key):
    return "Ethnic group" if key == ETHNIC_GROUPS_KEY else BY_KEY[key].name


def _whole(key, numbers, kind):
    total = sum(numbers.values())
    if kind == ReferencePopulation.Kind.SHARES:
        if abs(total - 100) > SHARE_ROUNDING:
            return [f"{_name(key)}: the percentages add up to {total:g}, not 100"]
    else:
        if any(number != number.to_integral_value() for number in numbers.values()):
            return [f"{_name(key)}: counts of people are whole numbers"]
        if not total:
            return [f"{_name(key)}: the counts are all nought"]
    return []


def _groups_agree(detailed, groups, kind):
    slack = SHARE_ROUNDING if kind == ReferencePopulation.Kind.SHARES else 0
    sums = group_sums(detailed)
    wrong = [
        group.label
        for group in ETHNICITY.categories
        if abs(sums[group.key] - groups[group.key]) > slack
    ]
    if wrong:
        return [
            "Ethnic group: the detailed groups do not add up to the high-level ones for "
            + ", ".join(wrong)
        ]
    return []


class WhoIsOnTheBoardPage(RoutablePageMixin, Page):
    """The public "Who is on the board" page, and its easy-read version: the board's make-up
    beside the reference populations, every small number hidden (boardhub.core.suppression)."""

    intro = RichTextField(
        blank=True,
        features=["bold", "link", "ul"],
        help_text="A few plain sentences: why the board counts who it speaks for.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "“Who is on the board” page"
        permissions = [
            ("view_board_make_up", "Can see the board's make-up in detail, and its gaps"),
        ]

    @path("")
    def index_route(self, request):
        from . import views  # reads members' figures: imported when the page is served

        return views.who_is_on_the_board(self, request)

    @path("easy-read/")
    def easy_read_route(self, request):
        from . import views

        return views.who_is_on_the_board(self, request, easy_read=True)

    @path("figures/csv/")
    def figures_route(self, request):
        from . import views

        return views.figures_csv(self, request)
