"""How each response reached us shows wherever officers see it: the triage listing (a column,
a filter, counts by channel), the response's page and the download."""

import csv
import html
import io
import re

import pytest

from boardhub.consultations.models import Channel
from boardhub.demo.factories import FeedbackFactory, UserFactory
from boardhub.feedback.models import ReplyContact
from boardhub.feedback.viewsets import channel_counts, sender_in_words
from tests.feedback.recording_helpers import drop_in, recorded

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"


def text(response):
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return re.sub(r" ([:.,])", r"\1", words)


@pytest.fixture
def mixed(consultation, handler):
    """Two online responses, a paper form, a phone call and two from a drop-in session."""
    session = drop_in()
    return {
        "online": [FeedbackFactory(page=consultation) for __ in range(2)],
        "paper": recorded(consultation, "paper", by=handler),
        "phone": recorded(consultation, "phone", by=handler),
        "drop_in": [recorded(consultation, "drop_in", session, by=handler) for __ in range(2)],
        "session": session,
    }


def test_the_listing_shows_each_responses_channel(client, handler, mixed):
    client.force_login(handler)

    page = client.get(LIST).content.decode()

    assert "Paper form" in page and "Phone call" in page and "Drop-in session" in page


def test_the_listing_counts_responses_by_channel_each_a_link_to_them(client, handler, mixed):
    client.force_login(handler)

    page = text(client.get(LIST))

    assert "By channel: Online: 2, Paper form: 1, Phone call: 1, Drop-in session: 2" in page
    assert 'href="/admin/feedback/?channel=paper"' in client.get(LIST).content.decode()


def test_the_counts_follow_the_filters(client, handler, mixed):
    client.force_login(handler)

    page = text(client.get(LIST, {"status": "received", "channel": "drop_in"}))

    assert "2 responses match" in page
    assert "By channel: Drop-in session: 2" in page


def test_the_channel_filter(client, handler, mixed):
    client.force_login(handler)

    page = client.get(LIST, {"channel": "phone"}).content.decode()

    assert mixed["phone"].reference in page
    assert mixed["paper"].reference not in page
    assert mixed["online"][0].reference not in page
    assert "Channel: <strong>Phone call</strong>" in page


def test_the_session_filter(client, handler, mixed):
    client.force_login(handler)

    page = client.get(LIST, {"session": mixed["session"].pk}).content.decode()

    assert all(feedback.reference in page for feedback in mixed["drop_in"])
    assert mixed["paper"].reference not in page


def test_channel_counts_is_one_query(django_assert_num_queries, mixed):
    from boardhub.consultations.models import Feedback

    with django_assert_num_queries(1):
        counts = channel_counts(Feedback.objects.all())

    assert counts == [
        ("online", "Online", 2),
        ("paper", "Paper form", 1),
        ("phone", "Phone call", 1),
        ("drop_in", "Drop-in session", 2),
    ]


def test_the_listing_keeps_its_query_count_with_many_responses_of_mixed_channels(
    client, handler, consultation, mixed, django_assert_max_num_queries
):
    client.force_login(handler)
    client.get(LIST)  # sessions, permissions and content types read once
    with django_assert_max_num_queries(40) as few:
        client.get(LIST)
    for channel in Channel.values[1:]:
        for __ in range(5):
            recorded(consultation, channel, by=handler)
    FeedbackFactory.create_batch(10, page=consultation)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)

    assert "Via an advocate or supporter" in response.content.decode()


def test_the_response_page_says_how_it_was_gathered(client, handler, consultation):
    session = drop_in()
    feedback = recorded(
        consultation,
        "drop_in",
        session,
        by=handler,
        gathered_where="Brookside community hub",
        supporter_role="advocate",
        supporter_organisation="Larkfield Advocacy",
    )
    ReplyContact.objects.create(feedback=feedback, name="Alex Doe", reply_by="post")
    client.force_login(handler)

    page = text(client.get(f"/admin/feedback/inspect/{feedback.pk}/"))

    assert (
        "Drop-in session from Alex Doe (not a board member), with support from advocate, "
        f"Larkfield Advocacy. Recorded by {handler.get_full_name()}" in page
    )
    assert "How it was gathered" in page
    assert "Brookside community hub" in page
    assert "Digital drop-in, Brookside community hub" in page


def test_sender_in_words_for_each_kind_of_sender(consultation, handler):
    member = UserFactory(first_name="Sam", last_name="Jones")
    online = FeedbackFactory(page=consultation)
    anonymous = recorded(consultation, "phone", by=handler)
    from_member = recorded(consultation, "letter", member=member)

    assert sender_in_words(online) == "Sent online by a member of the public (not signed in)."
    assert sender_in_words(anonymous).startswith(
        "Phone call from someone who did not give their name. Recorded by "
    )
    assert sender_in_words(from_member).startswith(
        "Letter from a board member, Sam Jones. Recorded by an officer who has left on "
    )


def test_the_download_has_the_channel_and_never_the_contact_details(client, handler, consultation):
    feedback = recorded(consultation, "letter", by=handler)
    ReplyContact.objects.create(
        feedback=feedback,
        name="Alex Doe",
        email="alex@example.org",
        phone="01632 960001",
        postal_address="1 High Street",
        postcode="LA1 1AA",
        reply_by="post",
    )
    client.force_login(handler)

    response = client.get(LIST, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()

    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows[0]["Channel"] == "Letter"
    for private in ("Alex Doe", "alex@example.org", "01632 960001", "1 High Street", "LA1 1AA"):
        assert private not in content
