"""Changes in lists are cards people can scan: the title, where it is up to as a tag (words and
its own colour), what we did in a line and a fact or two, never a key-value table; the rest is
on the change's own page. On a service's page and on "What your feedback changed"."""

import pytest

from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    FeedbackFactory,
    UserFactory,
)
from tests.impact.test_public_pages import INDEX, html_of, make_change, you_said_we_did  # noqa: F401
from tests.listing import cards, key_value_tables_in_lists

pytestmark = pytest.mark.django_db


def test_a_service_page_lists_its_changes_as_cards(
    client,
    you_said_we_did,  # noqa: F811
    service,
):
    make_change(
        title="Named carers", status="done", we_did="You get a named carer.", services=[service]
    )
    make_change(
        title="Weekend visits",
        status="not_possible",
        not_possible_reason="Not enough carers.",
        we_did="We looked at weekend visits.",
        services=[service],
    )

    html = html_of(client, f"{INDEX}services/{service.slug}/")

    shown = {card["title"]: card for card in cards(html)}
    assert (shown["Named carers"]["tag"], shown["Named carers"]["colour"]) == ("Done", "green")
    assert shown["Named carers"]["summary"] == "You get a named carer."
    assert (shown["Weekend visits"]["tag"], shown["Weekend visits"]["colour"]) == (
        "Not possible",
        "red",
    )
    # Why it was not possible is on the change's own page.
    assert "Not enough carers." not in html
    assert not key_value_tables_in_lists(html)


def test_what_your_feedback_changed_shows_each_change_as_a_card(
    client,
    you_said_we_did,  # noqa: F811
    consultation,
):
    member = UserFactory(verified=True)
    change = ChangeRecordFactory(
        title="Evening visits", we_did="Visits until 9pm.", status="agreed", services=[]
    )
    ChangeFeedbackLinkFactory(
        change=change, feedback=FeedbackFactory(page=consultation, member=member), note="Thanks."
    )
    client.force_login(member)

    html = client.get("/account/what-my-feedback-changed/").content.decode()

    (card,) = cards(html)
    assert card["title"] == "Evening visits"
    assert (card["tag"], card["colour"]) == ("Agreed", "blue")
    assert card["summary"] == "Visits until 9pm."
    assert "Thanks." in html
    assert not key_value_tables_in_lists(html)
