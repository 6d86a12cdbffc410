"""The accountability report ("Promises kept"): actions by the partner who owns them, done
on time or late, and overdue now; every linked figure opens the actions it counts."""

from datetime import date

import pytest
import time_machine

from boardhub.demo.factories import ActionFactory, PartnerFactory
from tests.feedback.conftest import officer_in
from tests.reports.conftest import figures_table

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/promises-kept/"
TODAY = date(2026, 12, 7)


@pytest.fixture
def organiser():
    return officer_in("Meeting organisers")


@pytest.fixture
def promises(meeting):
    nhs, council = PartnerFactory(name="Larkfield NHS Trust"), PartnerFactory(name="The council")
    ActionFactory(meeting=meeting, owner=nhs, due_on=date(2026, 11, 1))  # overdue
    ActionFactory(meeting=meeting, owner=nhs, due_on=date(2027, 1, 1), status="in_progress")
    ActionFactory(
        meeting=meeting,
        owner=council,
        due_on=date(2026, 10, 1),
        status="done",
        done_on=date(2026, 9, 20),
    )
    ActionFactory(
        meeting=meeting,
        owner=council,
        due_on=date(2026, 10, 1),
        status="done",
        done_on=date(2026, 10, 20),
    )
    ActionFactory(meeting=meeting, owner=council, due_on=date(2026, 10, 1), status="dropped")
    return nhs, council


def rows(response):
    return figures_table(response, "owners-caption")


@time_machine.travel(TODAY)
def test_promises_by_partner_the_most_overdue_first(client, organiser, promises):
    client.force_login(organiser)
    found = rows(client.get(REPORT))
    assert list(found) == ["Larkfield NHS Trust", "The council"]
    nhs, council = found.values()
    assert (nhs["Overdue now"][0], nhs["Open"][0], nhs["In progress"][0]) == (1, 1, 1)
    assert (council["Done on time"][0], council["Done late"][0], council["Dropped"][0]) == (1, 1, 1)
    assert council["All"][0] == 3


@time_machine.travel(TODAY)
def test_each_linked_figure_opens_the_actions_it_counts(client, organiser, promises):
    client.force_login(organiser)
    for cells in rows(client.get(REPORT)).values():
        for figure, link in cells.values():
            if link:
                assert client.get(link).context["paginator"].count == figure, link


def test_only_those_who_keep_the_action_log(client, promises):
    client.force_login(officer_in("Feedback handlers"))
    assert client.get(REPORT).status_code in (302, 403)


def test_no_actions_yet_says_what_to_do(client, organiser):
    client.force_login(organiser)
    assert "No actions have been recorded yet" in client.get(REPORT).content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_a_bounded_number_of_queries(
    client, organiser, meeting, size, django_assert_max_num_queries
):
    for __ in range(size):
        ActionFactory(meeting=meeting)
    client.force_login(organiser)
    client.get(REPORT)
    with django_assert_max_num_queries(15):
        assert client.get(REPORT).status_code == 200
