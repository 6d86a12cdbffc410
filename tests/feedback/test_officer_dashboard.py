"""The officers' dashboard says what is waiting for them: new responses not read yet,
responses past the keeping-in-touch target, safeguarding flags, changes in review, each
linked to the listing of exactly those, and only what the officer may open."""

import datetime
import re

import pytest
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.demo.factories import ChangeRecordFactory, FeedbackFactory, SafeguardingFlagFactory
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def panel(client):
    """The text of the "Waiting for you" panel, tags removed, and its links."""
    page = client.get(DASHBOARD).content.decode()
    match = re.search(r'id="waiting-for-you-section".*?</section>', page, re.S)
    if not match:
        return None, []
    html = match.group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return text, re.findall(r'<a [^>]*href="(/[^"]+)"', html)


def sent_days_ago(feedback, days):
    Feedback.objects.filter(pk=feedback.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days)
    )


def in_review(change, by):
    change.save_revision(user=by)
    change.get_workflow().start(change, by)


@pytest.fixture
def waiting(consultation):
    """Two new responses (one overdue), one read, and one flagged (new as well)."""
    late = FeedbackFactory(page=consultation)
    sent_days_ago(late, 30)
    FeedbackFactory(page=consultation)
    FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    flagged = FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    SafeguardingFlagFactory(feedback=flagged)
    return late


def test_a_handler_sees_new_and_overdue_responses_but_no_flags(client, handler, waiting):
    client.force_login(handler)

    text, links = panel(client)

    assert "Waiting for you" in text
    assert "2 new responses not read yet" in text
    assert "1 response overdue" in text
    assert "safeguarding" not in text
    assert "/admin/feedback/?status=received" in links
    assert "/admin/feedback/?overdue=true" in links


def test_the_safeguarding_group_sees_the_flags_too(client, safeguarder, waiting):
    client.force_login(safeguarder)

    text, links = panel(client)

    assert "1 response flagged for safeguarding" in text
    assert "/admin/feedback/?flagged=true" in links


def test_each_link_lists_exactly_what_it_counts(client, safeguarder, waiting):
    client.force_login(safeguarder)
    html = client.get(DASHBOARD).content.decode()
    counted = re.findall(r'<a href="(/admin/feedback/[^"]+)"><strong>(\d+) ', html)

    def listed(url):
        return len(re.findall(r'id="feedback_\d+_title"', client.get(url).content.decode()))

    assert len(counted) == 3
    for url, count in counted:
        assert listed(url) == int(count), url
    assert listed("/admin/feedback/?flagged=false") == 3


def test_changes_in_review_are_counted_and_linked(client, handler):
    draft = ChangeRecordFactory(live=False, title="Evening visits")
    ChangeRecordFactory(live=False)  # a draft not sent for review
    in_review(draft, handler)
    client.force_login(handler)

    text, links = panel(client)

    assert "1 change (you said, we did) in review" in text
    assert "Evening visits" in text
    assert f"/admin/snippets/impact/changerecord/edit/{draft.pk}/" in links
    assert client.get(f"/admin/snippets/impact/changerecord/edit/{draft.pk}/").status_code == 200


def test_many_changes_in_review_show_the_first_few_and_how_many_more(client, handler):
    for number in range(7):
        in_review(ChangeRecordFactory(live=False, title=f"Change in review {number}"), handler)
    client.force_login(handler)

    text, links = panel(client)

    assert "7 changes (you said, we did) in review" in text
    assert "Change in review 0" in text and "Change in review 4" in text
    assert "Change in review 5" not in text
    assert "and 2 more, in the list of changes" in text
    assert "/admin/snippets/impact/changerecord/" in links


def test_nothing_waiting_is_said_in_words(client, handler):
    client.force_login(handler)

    text, links = panel(client)

    assert "No new responses are waiting to be read" in text
    assert "No responses are overdue" in text
    assert "No changes (you said, we did) are in review" in text
    assert links == []


def test_an_officer_with_nothing_of_this_to_do_sees_no_panel(client, consultation):
    client.force_login(officer_in("Moderators"))
    FeedbackFactory(page=consultation)

    text, __ = panel(client)

    assert text is None or "response" not in text


def test_the_dashboard_counts_in_few_queries_however_much_waits(
    client, safeguarder, consultation, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(safeguarder)

    def queries_for(count):
        for __ in range(count):
            sent_days_ago(FeedbackFactory(page=consultation), 30)
            in_review(ChangeRecordFactory(live=False), safeguarder)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD).status_code == 200
        return len(captured)

    few = queries_for(1)
    assert queries_for(20) <= few


def test_what_is_waiting_is_counted_in_two_queries(safeguarder, waiting, django_assert_num_queries):
    from boardhub.feedback.waiting import waiting_work

    in_review(ChangeRecordFactory(live=False), safeguarder)
    waiting_work.for_user(safeguarder)  # the officer's permissions, read once and kept

    # The responses' three counts, the people to contact by hand, then the changes.
    with django_assert_num_queries(3):
        items = waiting_work.for_user(safeguarder)

    assert {item.key: item.count for item in items} == {
        "new": 2,
        "overdue": 1,
        "flagged": 1,
        "to_contact": 0,
        "changes-in-review": 1,
    }
