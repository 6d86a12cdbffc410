from datetime import UTC, datetime

import pytest

from boardhub.demo.factories import UserFactory
from boardhub.members.models import EqualityMonitoring
from boardhub.representation.models import ReferencePopulation, WhoIsOnTheBoardPage
from home.models import HomePage
from tests.feedback.conftest import officer_in

AGREED = datetime(2026, 1, 5, tzinfo=UTC)
ANSWERS = {
    "age_band": "45_54",
    "sex": "female",
    "ethnic_group": "white_british",
    "disability": "no",
    "unpaid_carer": "no",
}


def member(**answers):
    """A board member with equality answers (ANSWERS, changed by `answers`), or with none:
    member(consent=False). `display_name=` names them."""
    consent = answers.pop("consent", True)
    person = UserFactory(
        **({"display_name": answers.pop("display_name")} if "display_name" in answers else {})
    )
    if consent:
        EqualityMonitoring.objects.create(
            user=person, consented_at=AGREED, **{**ANSWERS, **answers}
        )
    return person


@pytest.fixture
def board_page(db):
    home = HomePage.objects.get()
    page = home.add_child(
        instance=WhoIsOnTheBoardPage(title="Who is on the board", slug="who-is-on-the-board")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def census(db):
    return ReferencePopulation.objects.create(
        name="Census 2021, Larkfield",
        who="people in Larkfield",
        source="ONS, Census 2021",
        year=2021,
        kind=ReferencePopulation.Kind.SHARES,
        figures={
            "age_band": {
                "18_24": "10",
                "25_34": "15",
                "35_44": "16",
                "45_54": "17",
                "55_64": "16",
                "65_74": "12",
                "75_84": "9",
                "85_plus": "5",
            },
            "sex": {"female": "51", "male": "49"},
        },
    )


@pytest.fixture
def officer(db):
    return officer_in("Feedback handlers")
