"""`load_bench_data` fills the benchmark with responses from every channel, and the other ways
in it measures (an officer recording a paper form, a visitor sending "Tell us") work with the
targets it writes."""

import json
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from boardhub.consultations.models import Channel, Feedback
from boardhub.demo.mixed_responses import is_tell_us
from boardhub.feedback.models import (
    DropInSession,
    GeneralFeedback,
    OfflineRecord,
    ReplyContact,
    TellUsPage,
)
from boardhub.members.models import User

pytestmark = pytest.mark.django_db

WANTED = {
    "consultations": 6,
    "guides": 4,
    "members": 20,
    "responses": 400,
    "services": 6,
    "changes": 10,
    "links": 30,
    "sessions": 3,
}


@pytest.fixture
def targets(tmp_path):
    options = [f"--{name}={number}" for name, number in WANTED.items()]
    path = tmp_path / "targets.json"
    call_command("load_bench_data", *options, f"--targets={path}", stdout=StringIO())
    return json.loads(path.read_text())


def test_the_responses_come_from_every_channel_most_of_them_online(targets):
    channels = Counter(Feedback.objects.values_list("channel", flat=True))

    assert set(channels) == set(Channel.values)
    assert channels[Channel.ONLINE] / sum(channels.values()) == pytest.approx(0.8, abs=0.02)
    # Each one that did not come in online says how it was gathered, and who recorded it.
    offline = Feedback.objects.exclude(channel=Channel.ONLINE)
    assert OfflineRecord.objects.count() == offline.count()
    assert not OfflineRecord.objects.filter(feedback__channel=Channel.ONLINE).exists()
    officer = User.objects.get(email=targets["officer"]["email"])
    assert set(OfflineRecord.objects.values_list("recorded_by", flat=True)) == {officer.pk}
    # Drop-in responses were heard at the sessions.
    assert DropInSession.objects.count() == WANTED["sessions"]
    drop_ins = OfflineRecord.objects.filter(feedback__channel=Channel.DROP_IN)
    assert drop_ins.exists() and not drop_ins.filter(session__isnull=True).exists()
    assert OfflineRecord.objects.exclude(supporter_role="").exists()


def test_some_are_tell_us_and_some_people_left_contact_details(targets):
    page = TellUsPage.objects.get()
    tell_us = Feedback.objects.filter(page=page)

    # One in 20 of the responses the bench made (the demo site has a few of its own).
    made = {}
    for feedback in Feedback.objects.all():
        words = feedback.form_data.get("answer") or feedback.form_data.get("what_happened", "")
        number = re.fullmatch(r"(?:Answer number|What happened, number) (\d+)\.", words)
        if number:
            made[int(number[1])] = feedback.page_id == page.pk
    # The demo's year of responses is there too: most are the bench's.
    assert Feedback.objects.count() == WANTED["responses"]
    assert len(made) > WANTED["responses"] / 2
    assert sum(made.values()) == sum(1 for n in made if is_tell_us(n)) >= len(made) // 20 - 1
    assert GeneralFeedback.objects.filter(feedback__page=page).count() == tell_us.count()
    assert GeneralFeedback.objects.filter(service__isnull=True).exists()  # "I'm not sure"
    assert tell_us.exclude(channel=Channel.ONLINE).exists()  # some recorded by an officer
    contacts = ReplyContact.objects.all()
    assert contacts.exists()
    assert not contacts.filter(feedback__member__isnull=False).exists()
    assert len(set(contacts.values_list("reply_by", flat=True))) == 5
    # An online answer to a consultation has no contact details: its form does not ask.
    assert not contacts.filter(feedback__channel=Channel.ONLINE, feedback__general=None).exists()
    assert all(
        feedback.form_data["wants_reply"] == "Yes"
        for feedback in tell_us.filter(reply_contact__isnull=False)
    )


def test_running_it_again_adds_no_more_of_anything(targets, tmp_path):
    before = [
        Feedback.objects.count(),
        OfflineRecord.objects.count(),
        ReplyContact.objects.count(),
        GeneralFeedback.objects.count(),
        DropInSession.objects.count(),
        TellUsPage.objects.count(),
    ]
    options = [f"--{name}={number}" for name, number in WANTED.items()]
    call_command("load_bench_data", *options, stdout=StringIO())

    assert before == [
        Feedback.objects.count(),
        OfflineRecord.objects.count(),
        ReplyContact.objects.count(),
        GeneralFeedback.objects.count(),
        DropInSession.objects.count(),
        TellUsPage.objects.count(),
    ]


def test_the_officer_records_the_benchmarks_paper_form(client, targets):
    """As the benchmark does: the form's own key and token from the page, then the post."""
    officer = User.objects.get(email=targets["officer"]["email"])
    client.force_login(officer)
    page = client.get(targets["record_response"]).content.decode()
    key = re.search(r'name="record-key" value="([0-9a-f]+)"', page)[1]

    response = client.post(
        targets["record_response"], {**targets["record_answers"], "record-key": key}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/recorded/" in response["Location"]
    feedback = Feedback.objects.order_by("-pk").first()
    assert feedback.channel == Channel.PAPER
    assert feedback.reply_contact.reply_by == "post"
    assert feedback.offline_record.supporter_organisation == "Larkfield Advocacy"


def test_a_visitor_sends_the_benchmarks_tell_us(client, targets):
    page = client.get(targets["tell_us"]).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page)[1]
    before = Feedback.objects.count()

    response = client.post(
        targets["tell_us"], {**targets["tell_us_answers"], "idempotency_key": key}
    )

    assert response.status_code == 200
    feedback = Feedback.objects.order_by("-pk").first()
    assert Feedback.objects.count() == before + 1
    assert feedback.reference in response.content.decode()
    assert feedback.reply_contact.reply_by == "text"


def test_the_triage_listing_and_its_channel_filter_answer(client, targets):
    client.force_login(User.objects.get(email=targets["officer"]["email"]))

    assert client.get(targets["triage"]).status_code == 200
    filtered = client.get(targets["triage_by_channel"])
    assert filtered.status_code == 200
