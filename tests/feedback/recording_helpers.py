"""What the recording tests share: a private storage in a temporary folder, the form's
addresses, a complete valid post, and small pictures and PDFs."""

import datetime
import io
import uuid

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from boardhub.feedback.models import DropInSession, OfflineRecord


@pytest.fixture
def private_storage(monkeypatch, tmp_path):
    """The "private" storage in a folder of this test's own. The scan field made its storage
    when the model loaded, so the field's own is swapped."""
    location = tmp_path / "private"
    storage = FileSystemStorage(location=str(location))
    monkeypatch.setattr(OfflineRecord._meta.get_field("scan"), "storage", storage)
    return location


def record_url(consultation, session=None):
    url = f"/admin/feedback/record/consultation/{consultation.pk}/"
    return f"{url}?session={session.pk}" if session else url


def valid_post(**changes):
    """A complete, valid recorded response to a consultation with the factory's questions:
    a paper form from someone who gave their name and wants nothing back."""
    data = {
        "what_works_well_for_you": "The carers are kind.",
        "the_service_is_easy_to_use": "4",
        "record-channel": "paper",
        "record-gathered_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "record-gathered_where": "Brookside community hub",
        "record-session": "",
        "record-supporter_role": "",
        "record-supporter_organisation": "",
        "record-supporter_name": "",
        "record-who": "person",
        "record-member": "",
        "record-name": "Alex Doe",
        "record-email": "",
        "record-phone": "",
        "record-postal_address": "",
        "record-postcode": "",
        "record-reply_by": "none",
        "record-supporter_contact": "",
        "record-key": uuid.uuid4().hex,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def picture_bytes(image_format="PNG", size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=image_format)
    return buffer.getvalue()


def scan_file(name="form.png", content=None):
    return SimpleUploadedFile(name, picture_bytes() if content is None else content)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def drop_in(**kwargs):
    kwargs.setdefault("title", "Digital drop-in")
    kwargs.setdefault("place", "Brookside community hub")
    kwargs.setdefault("held_on", timezone.localdate())
    return DropInSession.objects.create(**kwargs)


def max_scan_bytes():
    from boardhub.feedback.recording_forms import SCAN_MAX_BYTES

    return SCAN_MAX_BYTES


def recorded(consultation, channel="paper", session=None, by=None, member=None, **record):
    """A response an officer recorded, with its OfflineRecord."""
    from boardhub.demo.factories import FeedbackFactory

    feedback = FeedbackFactory(page=consultation, channel=channel, member=member)
    record.setdefault("gathered_on", session.held_on if session else timezone.localdate())
    OfflineRecord.objects.create(feedback=feedback, session=session, recorded_by=by, **record)
    return feedback
