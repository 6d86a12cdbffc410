"""Integrity around accounts: a member who deletes their account leaves every change's count as
it was, and their responses stay, shown to officers as from a former board member. And the
record answers "what shaped this change?" and "what did this response change?" in one query
each."""

import json

import pytest
from django.template import Context, Template
from django.urls import reverse

from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    FeedbackFactory,
    UserFactory,
)
from boardhub.impact.models import ChangeRecord, YouSaidWeDidPage
from boardhub.members.models import User
from boardhub.privacy.erasure import FORMER_MEMBER
from home.models import HomePage
from tests.privacy.conftest import reauthenticate

pytestmark = pytest.mark.django_db

OPEN_DATA = "/you-said-we-did/open-data.json"


@pytest.fixture
def leaving():
    """A member who is about to delete their account."""
    return UserFactory(
        verified=True,
        email="leaving.member@example.org",
        first_name="Lesley",
        last_name="Leavington",
        display_name="Lesley",
    )


@pytest.fixture
def staying():
    return UserFactory(verified=True, display_name="Sam")


@pytest.fixture
def three_responses(change, consultation, leaving, staying):
    """Two responses from the member who leaves and one from a member who stays, all shaping
    `change`."""
    responses = [
        FeedbackFactory(page=consultation, member=leaving),
        FeedbackFactory(page=consultation, member=leaving),
        FeedbackFactory(page=consultation, member=staying),
    ]
    for feedback in responses:
        ChangeFeedbackLinkFactory(change=change, feedback=feedback)
    return responses


@pytest.fixture
def delete_account(client, django_capture_on_commit_callbacks):
    """Delete `user`'s account as they would: signed in, password entered again, the box
    ticked, on "Delete your account" (boardhub.privacy.erasure.erase_account)."""

    def delete(user):
        client.force_login(user)
        reauthenticate(client)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("privacy:delete"), {"confirm": "on"})
        assert response.status_code == 302
        assert response["Location"] == reverse("privacy:deleted")
        client.logout()

    return delete


def response_count(change):
    return ChangeRecord.objects.with_response_counts().get(pk=change.pk).response_count


def test_deleting_an_account_leaves_the_count_unchanged(
    client, change, three_responses, leaving, delete_account
):
    HomePage.objects.get().add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )
    assert response_count(change) == 3

    delete_account(leaving)

    assert response_count(change) == 3
    assert set(change.shaping_feedback()) == set(three_responses)
    open_data = json.loads(b"".join(client.get(OPEN_DATA).streaming_content))
    assert [(row["title"], row["responses"]) for row in open_data["changes"]] == [
        ("Evening home care visits", 3)
    ]


def test_officers_see_the_responses_as_from_a_former_board_member(
    change, three_responses, leaving, delete_account
):
    delete_account(leaving)

    # Officers' pages name a response's sender with the `member_name` filter.
    names = Template("{% load privacy_tags %}{{ feedback.member|member_name }}")
    shown = sorted(
        names.render(Context({"feedback": feedback}))
        for feedback in change.shaping_feedback().select_related("member")
    )

    assert shown == [FORMER_MEMBER, FORMER_MEMBER, "Sam"]
    account = User.objects.get(pk=leaving.pk)
    for personal in ("Lesley", "Leavington", "leaving.member@example.org"):
        assert personal not in (account.email, account.first_name, account.last_name, str(account))


def test_what_a_former_members_response_changed_is_still_known(
    change, three_responses, leaving, delete_account
):
    delete_account(leaving)

    assert list(ChangeRecord.objects.shaped_by(three_responses[0])) == [change]


def test_what_shaped_this_change_takes_one_query(
    change, three_responses, django_assert_num_queries
):
    with django_assert_num_queries(1):
        shaped_it = list(change.shaping_feedback())

    assert set(shaped_it) == set(three_responses)


def test_what_did_this_response_change_takes_one_query(
    change, draft_change, consultation, staying, django_assert_num_queries
):
    feedback = FeedbackFactory(page=consultation, member=staying)
    another = ChangeRecordFactory(title="Carers get a named contact")
    ChangeRecordFactory(title="Not linked to it")
    for shaped in (change, draft_change, another):
        ChangeFeedbackLinkFactory(change=shaped, feedback=feedback)

    with django_assert_num_queries(1):
        changed = list(ChangeRecord.objects.shaped_by(feedback))

    assert set(changed) == {change, draft_change, another}
