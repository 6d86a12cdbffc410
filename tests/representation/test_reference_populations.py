"""Officers enter a reference population in the admin: a box for each group, or the figures
pasted from a spreadsheet. Figures that do not add up, groups that are not ours, negative
numbers and a year in the future are refused with a clear message, and nothing is saved."""

import pytest
from bs4 import BeautifulSoup

from boardhub.representation.forms import box_name
from boardhub.representation.models import ReferencePopulation

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/representation/referencepopulation/add/"
AGES = {"18_24": 10, "25_34": 15, "35_44": 16, "45_54": 17, "55_64": 16, "65_74": 12, "75_84": 9}


def form(**changes):
    data = {
        "name": "Census 2021, Larkfield",
        "who": "people in Larkfield",
        "source": "ONS, Census 2021",
        "year": "2021",
        "link": "",
        "kind": "shares",
        "pasted": "",
    }
    data.update({box_name("age_band", key): str(value) for key, value in AGES.items()})
    data[box_name("age_band", "85_plus")] = "5"
    data.update(changes)
    return data


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ", strip=True).split())


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_enters_the_census_in_boxes(signed_in):
    response = signed_in.post(ADD, form())
    assert response.status_code == 302
    census = ReferencePopulation.objects.get()
    assert census.figures == {"age_band": {**{k: str(v) for k, v in AGES.items()}, "85_plus": "5"}}
    assert census.shares("age_band")["75_84"] == pytest.approx(0.09)
    assert census.shares("sex") is None  # not covered: not compared


def test_pasted_figures_are_read_by_our_words(signed_in):
    pasted = "Sex, Female, 51.2%\nSex, Male, 48.8%\nEthnic group, White, 81.5\n"
    groups = {
        "Asian or Asian British": "11.2",
        "Black, Black British, Caribbean or African": "3.5",
        "Mixed or multiple ethnic groups": "2.5",
        "Other ethnic group": "1.3",
    }
    pasted += "".join(f'Ethnic group, "{label}", {value}\n' for label, value in groups.items())
    response = signed_in.post(ADD, form(pasted=pasted))
    assert response.status_code == 302, errors(response)
    census = ReferencePopulation.objects.get()
    assert census.figures["sex"] == {"female": "51.2", "male": "48.8"}
    assert census.shares("ethnic_group")["white"] == pytest.approx(0.815)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({box_name("age_band", "85_plus"): "9"}, "Age: the percentages add up to 104, not 100"),
        ({box_name("age_band", "85_plus"): "-5"}, "A figure cannot be negative"),
        (
            {box_name("age_band", "85_plus"): ""},
            "Age: give a figure for every one of our age groups, or none. Missing: 85 or older",
        ),
        ({"year": "2099"}, "The year cannot be in the future"),
        (
            {"pasted": "Age, Over 90, 2"},
            "Line 1: “Age, Over 90” is not one of our questions and groups.",
        ),
        (
            {"kind": "counts", box_name("age_band", "85_plus"): "5.5"},
            "counts of people are whole numbers",
        ),
    ],
    ids=[
        "does not add up",
        "negative",
        "missing a group",
        "future year",
        "not our group",
        "part of a person",
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(signed_in, changes, message):
    typed = form(**changes)
    response = signed_in.post(ADD, typed)
    assert response.status_code == 200
    assert message in errors(response)
    assert not ReferencePopulation.objects.exists()
    # What the officer typed is still there to correct.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "source"})["value"] == "ONS, Census 2021"


def test_the_model_refuses_a_category_that_is_not_ours():
    population = ReferencePopulation(
        name="Wrong", who="people", source="x", year=2020, figures={"age_band": {"90_plus": 3}}
    )
    with pytest.raises(Exception, match="“90_plus” is not one of our age groups"):
        population.full_clean()
