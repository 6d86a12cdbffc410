"""What a recorded response holds about people is in the privacy registry's reach: the
officer's records, the member's download, and erasure; and deleting a response takes its scan."""

import pytest
from django.core.files.base import ContentFile

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import UserFactory
from boardhub.feedback import deleting
from boardhub.feedback.models import OfflineRecord, ReplyContact
from boardhub.privacy.erasure import erase_account
from boardhub.privacy.export import as_data, collect
from boardhub.privacy.registry import Erase, registry
from tests.feedback.recording_helpers import PDF, drop_in, recorded

pytestmark = pytest.mark.django_db


def with_scan(feedback):
    record = feedback.offline_record
    record.scan.save("form.pdf", ContentFile(PDF))
    return record


def test_the_officers_records_are_registered_and_kept():
    for model, field in (
        (OfflineRecord, "recorded_by"),
        ("feedback.DropInSession", "opened_by"),
    ):
        label = model if isinstance(model, str) else model._meta.label
        link = next(link for link in registry.links() if link.name == f"{label}.{field}")
        assert link.erase is Erase.KEEP
        assert link.reason


def test_a_members_download_says_how_their_recorded_response_was_gathered(
    consultation, handler, private_storage
):
    member = UserFactory(verified=True)
    session = drop_in()
    feedback = recorded(
        consultation,
        "drop_in",
        session,
        member=member,
        by=handler,
        gathered_where="Brookside community hub",
        supporter_role="advocate",
        supporter_organisation="Larkfield Advocacy",
    )
    with_scan(feedback)

    data = as_data(collect(member))

    (answers,) = data["your_answers_to_consultations"]["what_we_hold"]
    assert answers["channel"] == "drop_in"
    assert answers["gathered_where"] == "Brookside community hub"
    assert answers["session"] == "Digital drop-in, Brookside community hub"
    assert answers["supported_by"] == "advocate, Larkfield Advocacy"
    assert answers["scan"] is True
    officer = as_data(collect(handler))
    assert officer["responses_you_recorded_on_someones_behalf"]["what_we_hold"]
    assert "Alex" not in str(officer["responses_you_recorded_on_someones_behalf"])


def test_erasing_a_member_takes_the_scans_and_contact_details_off_their_responses(
    consultation, handler, private_storage, django_capture_on_commit_callbacks
):
    member = UserFactory(verified=True)
    theirs = recorded(consultation, "paper", member=member, by=handler)
    record = with_scan(theirs)
    ReplyContact.objects.create(feedback=theirs, name="Sam", reply_by="post")
    someone_elses = recorded(consultation, "paper", by=handler)
    other_record = with_scan(someone_elses)
    scan_file = private_storage / record.scan.name

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(member)

    assert Feedback.objects.filter(pk=theirs.pk).exists()  # the response stays
    record.refresh_from_db()
    assert not record.scan
    assert not scan_file.exists()
    assert not ReplyContact.objects.filter(feedback=theirs).exists()
    assert (private_storage / other_record.scan.name).exists()


def test_deleting_a_response_deletes_its_scan(
    consultation, handler, private_storage, django_capture_on_commit_callbacks
):
    feedback = recorded(consultation, "paper", by=handler)
    record = with_scan(feedback)
    scan_file = private_storage / record.scan.name
    assert scan_file.exists()
    lost = deleting.what_will_be_lost(Feedback.objects.get(pk=feedback.pk))
    assert "the scan or photo of the paper form" in lost

    with django_capture_on_commit_callbacks(execute=True):
        deleting.delete_response(feedback, "Sent twice by mistake", handler)

    assert not Feedback.objects.filter(pk=feedback.pk).exists()
    assert not scan_file.exists()
