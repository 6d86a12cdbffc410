"""The board's figures are counted in the database: the pages ask the same number of queries
whether the board has 10 members or 60."""

from datetime import date

import pytest

from boardhub.demo.factories import ApplicationFactory
from boardhub.joining.models import HowHeard, OutreachEvent
from tests.representation.conftest import member

pytestmark = pytest.mark.django_db

# Wagtail's serving (site, board_page, its ancestors, view restrictions), the navigation, the
# board's settings and the footer's links, and the page's own: the board counted in one
# query, and the reference populations.
PUBLIC_PAGE = 13
EASY_READ = 13
# The admin's own, the count, the populations and one count a quarter for the trends.
OFFICERS_VIEW = 20
# The admin's own, the funnel by source and by event (with their names), the populations
# and the board's count for the gaps, and the outreach of the last year.
RECRUITMENT = 17
# The admin's own, members by how they took part (one query), and the board and those who
# took part counted for the make-up beside it.
TAKING_PART = 13


def members(number):
    for index in range(number):
        member(age_band=["45_54", "55_64", "65_74"][index % 3])
    events = [
        OutreachEvent.objects.create(
            name=f"Event {n}", date=date(2026, 1, 1), place="Hub", community="Carers"
        )
        for n in range(number // 10)
    ]
    sources = list(HowHeard.objects.all())
    for index in range(number):
        ApplicationFactory(
            heard_from=sources[index % len(sources)],
            outreach_event=events[index % len(events)],
            status="approved" if index % 2 else "new",
        )


@pytest.mark.parametrize("size", [10, 60])
def test_the_public_page(client, board_page, census, django_assert_max_num_queries, size):
    members(size)
    client.get(board_page.url)
    with django_assert_max_num_queries(PUBLIC_PAGE):
        assert client.get(board_page.url).status_code == 200
    with django_assert_max_num_queries(EASY_READ):
        assert client.get(board_page.url + "easy-read/").status_code == 200


@pytest.mark.parametrize("size", [10, 60])
def test_the_officers_view(client, census, officer, django_assert_max_num_queries, size):
    members(size)
    client.force_login(officer)
    client.get("/admin/who-is-on-the-board/")
    with django_assert_max_num_queries(OFFICERS_VIEW):
        assert client.get("/admin/who-is-on-the-board/").status_code == 200


@pytest.mark.parametrize("size", [10, 60])
@pytest.mark.parametrize(
    "address, budget",
    [
        ("/admin/who-is-on-the-board/recruitment/", RECRUITMENT),
        ("/admin/who-is-on-the-board/taking-part/", TAKING_PART),
    ],
    ids=["recruitment", "taking part"],
)
def test_the_officers_other_views(
    client, officer, django_assert_max_num_queries, size, address, budget
):
    members(size)
    client.force_login(officer)
    client.get(address)
    with django_assert_max_num_queries(budget):
        assert client.get(address).status_code == 200
