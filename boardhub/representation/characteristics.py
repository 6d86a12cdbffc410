"""The characteristics the board is set against its populations: the equality questions
members answer (boardhub.members.choices), each with its categories in the order people read
them and the words a sentence uses for the people in each.

Ethnic group comes at two levels, as the 2021 census gives it: the 5 high-level groups
(`ETHNIC_GROUPS`), each of them the sum of its detailed groups (the 19 EthnicGroup choices).
"""

from dataclasses import dataclass

from boardhub.members.choices import (
    PREFER_NOT_TO_SAY,
    AgeBand,
    Disability,
    EthnicGroup,
    Sex,
    UnpaidCare,
)

PREFER_NOT = PREFER_NOT_TO_SAY[0]


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    people: str  # who they are, in a sentence: "people aged 75 to 84"
    detailed: tuple["Category", ...] = ()  # a high-level ethnic group's detailed groups


@dataclass(frozen=True)
class Characteristic:
    key: str  # also the equality monitoring field it reads
    name: str  # "Age"
    plural: str  # "age groups": "is not one of our age groups"
    categories: tuple[Category, ...]

    @property
    def field(self):
        return self.key

    def category(self, key):
        return next((c for c in self.all_categories() if c.key == key), None)

    def all_categories(self):
        """Every category, high-level and detailed."""
        for category in self.categories:
            yield category
            yield from category.detailed

    def leaves(self):
        """The categories a member's answer names: the detailed ones, where there are any."""
        for category in self.categories:
            yield from category.detailed or (category,)

    @property
    def has_detail(self):
        return any(category.detailed for category in self.categories)


def _categories(choices, people):
    return tuple(
        Category(value, label, people(value, label))
        for value, label in choices.choices
        if value != PREFER_NOT
    )


AGE = Characteristic(
    "age_band",
    "Age",
    "age groups",
    _categories(AgeBand, lambda value, label: f"people aged {label}"),
)
SEX = Characteristic(
    "sex",
    "Sex",
    "answers to the question about sex",
    _categories(Sex, lambda value, label: {"female": "women", "male": "men"}[value]),
)

ETHNIC_GROUPS = (
    ("asian", "Asian or Asian British", "Asian or Asian British people"),
    ("black", "Black, Black British, Caribbean or African", "Black people"),
    ("mixed", "Mixed or multiple ethnic groups", "people of mixed or multiple ethnic groups"),
    ("white", "White", "White people"),
    ("other", "Other ethnic group", "people of another ethnic group"),
)


def _ethnic_groups():
    detailed = _categories(
        EthnicGroup, lambda value, label: f"people whose ethnic group is “{label}”"
    )
    return tuple(
        Category(
            key,
            label,
            people,
            tuple(c for c in detailed if c.key.startswith(f"{key}_")),
        )
        for key, label, people in ETHNIC_GROUPS
    )


ETHNICITY = Characteristic("ethnic_group", "Ethnic group", "ethnic groups", _ethnic_groups())

DISABILITY_PEOPLE = {
    "yes_a_lot": "disabled people whose day-to-day activities are limited a lot",
    "yes_a_little": "disabled people whose day-to-day activities are limited a little",
    "no": "people whose day-to-day activities are not limited by a disability",
}
DISABILITY = Characteristic(
    "disability",
    "Disability",
    "answers to the question about disability",
    _categories(Disability, lambda value, label: DISABILITY_PEOPLE[value]),
)
CARE_PEOPLE = {
    "no": "people who are not unpaid carers",
    "up_to_19": "unpaid carers who care for 19 hours a week or less",
    "20_to_49": "unpaid carers who care for 20 to 49 hours a week",
    "50_plus": "unpaid carers who care for 50 hours a week or more",
}
UNPAID_CARE = Characteristic(
    "unpaid_carer",
    "Unpaid care",
    "answers to the question about unpaid care",
    _categories(UnpaidCare, lambda value, label: CARE_PEOPLE[value]),
)

CHARACTERISTICS = (AGE, SEX, ETHNICITY, DISABILITY, UNPAID_CARE)
BY_KEY = {characteristic.key: characteristic for characteristic in CHARACTERISTICS}
