"""Flagging a response for safeguarding tells the safeguarding team at once: one email each,
through the queue once the flag commits, with the response's reference and a link to it and
nothing of what the person wrote or why it was flagged."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from boardhub.demo.factories import FeedbackFactory, UserFactory
from boardhub.feedback import handling
from boardhub.feedback.models import SafeguardingFlag
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "My neighbour Alan Price at 4 Mill Lane hits his mother"
SECRET_REASON = "Says her son takes her pension, 12 Brook Street"


@pytest.fixture
def response(consultation):
    question = consultation.get_form_fields()[0].clean_name
    return FeedbackFactory(page=consultation, form_data={question: SECRET_ANSWER})


def flag_url(feedback):
    return f"/admin/feedback/flag/{feedback.pk}/"


def test_each_member_of_the_team_is_told_once_with_only_the_reference_and_a_link(
    sent, handler, safeguarder, response
):
    second = officer_in("Safeguarding", display_name="Ola")

    emails = sent(lambda: handling.flag_for_safeguarding(response, SECRET_REASON, handler))

    assert sorted(email.to[0] for email in emails) == sorted([safeguarder.email, second.email])
    for email in emails:
        assert len(email.to) == 1
        html = email.alternatives[0][0]
        everything = email.subject + email.body + html
        assert response.reference in email.subject
        for secret in ("Alan", "Mill Lane", "hits", "pension", "Brook Street", "Care at home"):
            assert secret not in everything
        assert handler.email not in everything
        link = f"/admin/feedback/inspect/{response.pk}/"
        assert re.findall(r"https?://\S+", email.body) == [
            re.search(rf"https?://\S+{re.escape(link)}", email.body).group(0)
        ]
        assert re.findall(r'href="([^"]+)"', html) == [
            re.search(rf'href="(https?://[^"]+{re.escape(link)})"', html).group(1)
        ]


def test_flagging_again_tells_nobody_again(sent, handler, safeguarder, response):
    first = sent(lambda: handling.flag_for_safeguarding(response, SECRET_REASON, handler))
    again = sent(lambda: handling.flag_for_safeguarding(response, "Again", handler))

    assert len(first) == 1
    assert again == first  # the outbox holds the first email only
    assert SafeguardingFlag.objects.get().reason == SECRET_REASON


def test_nobody_is_told_until_the_flag_commits(
    handler, safeguarder, response, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        handling.flag_for_safeguarding(response, SECRET_REASON, handler)
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_nobody_is_told_when_the_flag_is_rolled_back(
    handler, safeguarder, response, mailoutbox, django_capture_on_commit_callbacks
):
    class Undo(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        handling.flag_for_safeguarding(response, SECRET_REASON, handler)
        raise Undo
    assert mailoutbox == []
    assert not SafeguardingFlag.objects.exists()


def test_a_member_without_an_email_address_is_skipped(sent, handler, safeguarder, response):
    without = officer_in("Safeguarding")
    get_user_model().objects.filter(pk=without.pk).update(email="")

    emails = sent(lambda: handling.flag_for_safeguarding(response, SECRET_REASON, handler))

    assert [email.to for email in emails] == [[safeguarder.email]]


def test_who_is_told(sent, handler, safeguarder, response):
    """The group and anyone given the permission; not someone who left, not the officer who
    flagged it, not feedback handlers or superusers for being that."""
    given = officer_in("Feedback handlers")
    given.user_permissions.add(Permission.objects.get(codename="handle_safeguarding"))
    left = officer_in("Safeguarding", is_active=False)
    flagger = officer_in("Safeguarding")
    UserFactory(is_staff=True, is_superuser=True, verified=True)

    emails = sent(lambda: handling.flag_for_safeguarding(response, SECRET_REASON, flagger))

    told = sorted(email.to[0] for email in emails)
    assert told == sorted([safeguarder.email, given.email])
    assert left.email not in told and handler.email not in told


def test_the_officer_who_flagged_it_reads_that_the_team_was_told(
    client, sent, handler, safeguarder, response
):
    client.force_login(handler)
    pages = []
    emails = sent(
        lambda: pages.append(
            client.post(flag_url(response), {"reason": SECRET_REASON}, follow=True)
        )
    )

    assert [email.to for email in emails] == [[safeguarder.email]]
    assert "The safeguarding team has been told." in pages[0].content.decode()


def test_the_message_says_so_when_nobody_could_be_told(client, handler, response):
    client.force_login(handler)
    page = client.post(flag_url(response), {"reason": SECRET_REASON}, follow=True)
    text = page.content.decode()
    assert "tell them yourself" in text
    assert "The safeguarding team has been told." not in text
