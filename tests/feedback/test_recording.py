"""Officers record a response on someone's behalf: the consultation's own questions and checks,
how it was gathered, who it is from and how they want to hear back, and a private scan."""

import datetime
import html
import re

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Channel, Feedback
from boardhub.demo.factories import ConsultationPageFactory, UserFactory
from boardhub.feedback import recording
from boardhub.feedback.models import OfflineRecord, ReplyContact
from tests.feedback.recording_helpers import (
    PDF,
    max_scan_bytes,
    picture_bytes,
    record_url,
    scan_file,
    valid_post,
)

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def post(client, consultation, data, files=None):
    return client.post(record_url(consultation), {**data, **(files or {})})


# Step 1 and who may use it


def test_step_one_lists_open_and_closed_consultations_and_leads_to_the_form(
    client, handler, consultation
):
    index = consultation.get_parent()
    closed = ConsultationPageFactory(
        parent=index,
        title="Day centres",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=2),
    )
    ConsultationPageFactory(
        parent=index, title="Not open yet", opens_at=timezone.now() + datetime.timedelta(days=3)
    )
    client.force_login(handler)

    page = text(client.get("/admin/feedback/record/"))
    chosen = client.get("/admin/feedback/record/", {"to": closed.pk})

    assert "Care at home" in page and "Day centres" in page
    assert "Not open yet" not in page
    assert chosen.status_code == 302
    assert chosen.url == record_url(closed)


def test_step_one_without_a_choice_says_what_to_do(client, handler, consultation):
    client.force_login(handler)

    response = client.get("/admin/feedback/record/", {"to": ""})

    assert "Choose what the response is to" in text(response)


def test_a_consultation_not_open_yet_cannot_be_recorded_to(client, handler, consultation):
    upcoming = ConsultationPageFactory(
        parent=consultation.get_parent(), opens_at=timezone.now() + datetime.timedelta(days=3)
    )
    client.force_login(handler)

    assert client.get(record_url(upcoming)).status_code == 404


def test_officers_outside_the_feedback_groups_cannot_record(client, editor, consultation):
    client.force_login(editor)

    assert client.get("/admin/feedback/record/").status_code == 403
    assert client.get(record_url(consultation)).status_code == 403
    assert post(client, consultation, valid_post()).status_code == 403
    assert not Feedback.objects.exists()


def test_the_form_has_the_questions_the_safeguarding_notice_and_no_honeypot(
    client, handler, consultation
):
    client.force_login(handler)

    response = client.get(record_url(consultation))
    content = response.content.decode()

    assert response.status_code == 200
    assert "What works well for you?" in content
    assert "If someone is in danger now, call 999." in content
    assert "your-website" not in content
    assert 'enctype="multipart/form-data"' in content


# Storing


def test_a_recorded_response_is_stored_with_how_it_was_gathered(
    client, handler, consultation, private_storage
):
    client.force_login(handler)
    data = valid_post(
        **{
            "record-supporter_role": "advocate",
            "record-supporter_organisation": "Larkfield Advocacy",
            "record-reply_by": "post",
            "record-postal_address": "1 High Street\nLarkfield",
            "record-postcode": "la1 1aa",
            "record-large_print": "on",
        }
    )

    response = post(client, consultation, data, {"record-scan": scan_file("form.pdf", PDF)})

    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/feedback/recorded/{feedback.pk}/"
    assert feedback.channel == Channel.PAPER
    assert feedback.form_data["what_works_well_for_you"] == "The carers are kind."
    assert feedback.member is None
    record = OfflineRecord.objects.get(feedback=feedback)
    assert record.recorded_by == handler
    assert record.gathered_where == "Brookside community hub"
    assert record.supported_by == "advocate, Larkfield Advocacy"
    assert record.scan.name.endswith(f"{feedback.reference}.pdf")
    assert (private_storage / record.scan.name).read_bytes() == PDF
    contact = ReplyContact.objects.get(feedback=feedback)
    assert (contact.name, contact.postcode, contact.reply_by) == ("Alex Doe", "LA1 1AA", "post")
    assert contact.large_print
    log = ModelLogEntry.objects.get(action=recording.RECORDED)
    assert log.user == handler and log.object_id == str(feedback.pk)
    assert log.data["channel"] == "paper"

    done = text(client.get(response.url))
    assert f"Response {feedback.reference} recorded" in done


def test_sending_the_form_twice_stores_one_response(client, handler, consultation):
    client.force_login(handler)
    data = valid_post()

    first = post(client, consultation, data)
    second = post(client, consultation, data)

    assert Feedback.objects.count() == 1
    assert OfflineRecord.objects.count() == 1
    assert first.url == second.url


def test_a_closed_consultation_takes_a_paper_form_sent_in_time(client, handler, consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save()
    client.force_login(handler)

    response = post(client, consultation, valid_post())

    assert response.status_code == 302
    assert Feedback.objects.get().channel == Channel.PAPER


def test_an_existing_member_is_found_by_email_and_no_contact_details_are_kept(
    client, handler, consultation
):
    member = UserFactory(email="sam@example.org", first_name="Sam", last_name="Jones")
    client.force_login(handler)

    post(
        client,
        consultation,
        valid_post(**{"record-who": "member", "record-member": "SAM@example.org"}),
    )

    feedback = Feedback.objects.get()
    assert feedback.member == member
    assert not ReplyContact.objects.exists()


def test_an_existing_member_is_found_by_name(client, handler, consultation):
    member = UserFactory(first_name="Priya", last_name="Shah")
    client.force_login(handler)

    post(
        client, consultation, valid_post(**{"record-who": "member", "record-member": "priya shah"})
    )

    assert Feedback.objects.get().member == member


def test_an_anonymous_response_keeps_no_contact_details(client, handler, consultation):
    client.force_login(handler)

    post(
        client,
        consultation,
        valid_post(**{"record-who": "anonymous", "record-email": "someone@example.org"}),
    )

    assert Feedback.objects.get().member is None
    assert not ReplyContact.objects.exists()


def test_a_text_message_reply_keeps_the_mobile_number_as_notify_takes_it(
    client, handler, consultation
):
    client.force_login(handler)

    post(
        client,
        consultation,
        valid_post(**{"record-reply_by": "text", "record-phone": "+44 7700 900123"}),
    )

    assert ReplyContact.objects.get().phone == "07700 900123"


# Bad input: a clear message, and everything typed kept


def assert_refused_and_kept(response, message):
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert message in page
    content = response.content.decode()
    assert "The carers are kind." in content  # the answer
    assert 'value="Alex Doe"' in content  # and the record's own fields
    assert not Feedback.objects.exists()


def test_no_channel(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-channel": None}))

    assert_refused_and_kept(response, "Choose how the response reached us")


def test_online_is_not_a_channel_an_officer_records(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-channel": "online"}))

    assert_refused_and_kept(response, "Choose how the response reached us from the list")


def test_a_date_in_the_future(client, handler, consultation):
    client.force_login(handler)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = post(client, consultation, valid_post(**{"record-gathered_on": tomorrow}))

    assert_refused_and_kept(response, "The date it was gathered must be today or in the past")


def test_a_date_that_is_not_a_date(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-gathered_on": "31/02/2026"}))

    assert_refused_and_kept(response, "Enter the date it was gathered as a real date")


def test_a_phone_number_in_the_wrong_form(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-phone": "12345"}))

    assert_refused_and_kept(response, "Enter a UK phone number")
    assert 'value="12345"' in response.content.decode()


def test_a_text_message_needs_a_mobile_number(client, handler, consultation):
    client.force_login(handler)

    landline = post(
        client,
        consultation,
        valid_post(**{"record-reply_by": "text", "record-phone": "01632 960 001"}),
    )
    missing = post(client, consultation, valid_post(**{"record-reply_by": "text"}))

    assert_refused_and_kept(landline, "Enter a UK mobile number for text messages")
    assert_refused_and_kept(missing, "Enter a mobile number to send a text message to")


def test_a_postcode_in_the_wrong_form(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-postcode": "LA1"}))

    assert_refused_and_kept(response, "Enter a real postcode, like LA1 1AA")


def test_a_letter_needs_an_address_and_a_postcode(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(**{"record-reply_by": "post"}))

    assert_refused_and_kept(response, "Enter the address to send a letter to")
    assert "Enter the postcode to send a letter to" in text(response)


def test_an_anonymous_person_cannot_be_written_to(client, handler, consultation):
    client.force_login(handler)

    response = post(
        client, consultation, valid_post(**{"record-who": "anonymous", "record-reply_by": "post"})
    )

    assert_refused_and_kept(response, "We cannot reply to someone who did not say who they are")


def test_a_member_who_cannot_be_found(client, handler, consultation):
    client.force_login(handler)

    response = post(
        client, consultation, valid_post(**{"record-who": "member", "record-member": "Nobody"})
    )

    assert_refused_and_kept(response, "No board member is called “Nobody”")


def test_the_consultations_own_checks_apply(client, handler, consultation):
    client.force_login(handler)

    response = post(client, consultation, valid_post(what_works_well_for_you=""))

    page = text(response)
    assert response.status_code == 400
    assert "Answer the question: What works well for you?" in page
    assert 'value="Alex Doe"' in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("form.txt", b"Just some words", "You cannot upload this type of file."),
        ("form.pdf", b"Not really a PDF", "name ends in .pdf, but it is not a PDF"),
        ("form.png", b"Not really a picture", "This file is not a photo or PDF we can read."),
        ("form.jpg", picture_bytes("PNG"), "but it is a PNG picture"),
        ("form.png", PDF, "This file is a PDF, but its name does not end in .pdf."),
        ("form.gif", picture_bytes("GIF"), "You cannot upload this type of file."),
    ],
)
def test_a_scan_that_is_not_a_photo_or_pdf(
    client, handler, consultation, private_storage, name, content, message
):
    client.force_login(handler)

    response = post(client, consultation, valid_post(), {"record-scan": scan_file(name, content)})

    assert_refused_and_kept(response, message)
    assert "Choose the file again." in text(response)
    assert not private_storage.exists() or not any(private_storage.rglob("*.*"))


def test_a_scan_over_the_size_limit(client, handler, consultation, private_storage):
    client.force_login(handler)
    too_big = PDF + b" " * max_scan_bytes()

    response = post(
        client, consultation, valid_post(), {"record-scan": scan_file("form.pdf", too_big)}
    )

    assert_refused_and_kept(response, "This file is too big")
    assert "Choose the file again." in text(response)


def test_a_photo_with_too_many_pixels(client, handler, consultation, private_storage, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    client.force_login(handler)

    response = post(
        client,
        consultation,
        valid_post(),
        {"record-scan": scan_file("form.png", picture_bytes(size=(20, 20)))},
    )

    assert_refused_and_kept(response, "This photo is too big (20 by 20 pixels)")


def test_a_good_scan_on_a_form_with_another_mistake_says_to_choose_it_again(
    client, handler, consultation, private_storage
):
    client.force_login(handler)

    response = post(
        client,
        consultation,
        valid_post(**{"record-channel": None}),
        {"record-scan": scan_file("form.png")},
    )

    assert_refused_and_kept(response, "Choose how the response reached us")
    assert "choose it again" in text(response)


def test_a_photo_scan_is_kept_without_its_hidden_details(
    client, handler, consultation, private_storage
):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make
    Image.new("RGB", (10, 10), "white").save(buffer, format="JPEG", exif=exif)
    client.force_login(handler)

    post(
        client,
        consultation,
        valid_post(),
        {"record-scan": scan_file("form.jpg", buffer.getvalue())},
    )

    record = OfflineRecord.objects.get()
    with Image.open(private_storage / record.scan.name) as kept:
        assert not kept.getexif()


# The scan: only for the feedback groups, logged, never public


@pytest.fixture
def with_scan(consultation, handler, private_storage):
    from django.core.files.base import ContentFile

    from tests.feedback.recording_helpers import recorded

    feedback = recorded(consultation, by=handler)
    record = feedback.offline_record
    record.scan.save("form.pdf", ContentFile(PDF))
    return feedback


def test_the_feedback_groups_open_the_scan_and_each_opening_is_logged(client, handler, with_scan):
    client.force_login(handler)

    page = client.get(f"/admin/feedback/inspect/{with_scan.pk}/").content.decode()
    response = client.get(f"/admin/feedback/scan/{with_scan.pk}/")

    assert f'href="/admin/feedback/scan/{with_scan.pk}/"' in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    log = ModelLogEntry.objects.get(action=recording.SCAN_OPENED)
    assert log.user == handler and log.object_id == str(with_scan.pk)


def test_officers_outside_the_feedback_groups_cannot_open_the_scan(client, editor, with_scan):
    client.force_login(editor)

    response = client.get(f"/admin/feedback/scan/{with_scan.pk}/")

    assert response.status_code == 403
    assert PDF not in response.content
    assert not ModelLogEntry.objects.filter(action=recording.SCAN_OPENED).exists()


def test_a_scan_of_a_flagged_response_is_only_for_the_safeguarding_group(
    client, handler, safeguarder, with_scan
):
    from boardhub.feedback.models import SafeguardingFlag

    SafeguardingFlag.objects.create(feedback=with_scan, reason="At risk")
    client.force_login(handler)
    assert client.get(f"/admin/feedback/scan/{with_scan.pk}/").status_code == 404
    client.force_login(safeguarder)
    assert client.get(f"/admin/feedback/scan/{with_scan.pk}/").status_code == 200


def test_a_response_without_a_scan_has_no_scan_to_open(client, handler, consultation):
    from tests.feedback.recording_helpers import recorded

    feedback = recorded(consultation)
    client.force_login(handler)

    assert client.get(f"/admin/feedback/scan/{feedback.pk}/").status_code == 404
    assert (
        "/admin/feedback/scan/"
        not in client.get(f"/admin/feedback/inspect/{feedback.pk}/").content.decode()
    )


def test_the_scan_and_contact_details_never_appear_on_public_pages(
    client, handler, consultation, private_storage
):
    member = UserFactory(verified=True, email="sam@example.org")
    client.force_login(handler)
    post(
        client,
        consultation,
        valid_post(
            **{
                "record-reply_by": "phone",
                "record-phone": "01632 960 001",
                "record-email": "alex@example.org",
            }
        ),
        {"record-scan": scan_file("form.pdf", PDF)},
    )
    post(
        client,
        consultation,
        valid_post(**{"record-who": "member", "record-member": "sam@example.org"}),
        {"record-scan": scan_file("form.pdf", PDF)},
    )
    scans = [record.scan.name for record in OfflineRecord.objects.all()]
    assert len(scans) == 2
    client.logout()

    public = client.get(consultation.url).content.decode()
    client.force_login(member)
    own = Feedback.objects.get(member=member)
    account = client.get("/account/feedback/").content.decode()
    detail = client.get(f"/account/feedback/{own.reference}/").content.decode()

    for page in (public, account, detail):
        assert "/admin/feedback/scan/" not in page
        assert "scans/" not in page
        assert "01632 960001" not in page and "alex@example.org" not in page
    assert client.get(f"/admin/feedback/scan/{own.pk}/").status_code in (302, 403)
    for name in scans:
        assert client.get(f"/media/{name}").status_code == 404


# The receipt, the way the person asked


def test_a_recorded_response_sends_its_receipt_by_letter_once(
    client, handler, consultation, django_capture_on_commit_callbacks
):
    from boardhub.notifications.models import Notification

    client.force_login(handler)
    data = valid_post(
        **{
            "record-reply_by": "post",
            "record-postal_address": "1 High Street\nLarkfield",
            "record-postcode": "LA1 1AA",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, data)
        post(client, consultation, data)  # a double click

    feedback = Feedback.objects.get()
    (receipt,) = Notification.objects.about(feedback)
    assert receipt.message_key == "feedback_receipt"
    assert receipt.asked_for == "post"
    assert receipt.channel in ("letter", "by_hand")  # by hand where Notify letters are not set up
    assert "LA1 1AA" in receipt.address


def test_an_anonymous_response_sends_no_receipt(
    client, handler, consultation, django_capture_on_commit_callbacks
):
    from boardhub.notifications.models import Notification

    client.force_login(handler)

    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, valid_post(**{"record-who": "anonymous"}))

    assert not Notification.objects.about(Feedback.objects.get()).exists()


# Feedback about any service ("Tell us"), recorded


@pytest.fixture
def tell_us_page():
    from boardhub.demo.factories import ServiceFactory, TellUsPageFactory
    from home.models import HomePage

    ServiceFactory(name="Home care", slug="home-care")
    return TellUsPageFactory(parent=HomePage.objects.get())


def test_feedback_about_a_service_is_recorded_with_the_tell_us_questions(
    client, handler, tell_us_page
):
    from boardhub.feedback.models import GeneralFeedback
    from boardhub.services.models import Service

    service = Service.objects.get(name="Home care")
    client.force_login(handler)

    chosen = client.get("/admin/feedback/record/", {"to": "tell-us"})
    form = client.get(chosen.url)
    data = valid_post(
        kind="concern",
        service=str(service.pk),
        what_happened="The carer came late three times.",
        what_would_help="",
        **{
            "record-channel": "phone",
            "record-reply_by": "text",
            "record-phone": "07700 900123",
        },
    )
    response = client.post("/admin/feedback/record/tell-us/", data)

    assert chosen.url == "/admin/feedback/record/tell-us/"
    assert "Which service is it about?" in form.content.decode()
    assert "your-website" not in form.content.decode()
    assert "Do you want us to reply?" not in form.content.decode()
    assert response.status_code == 302, text(response)
    feedback = Feedback.objects.get()
    assert feedback.page_id == tell_us_page.pk
    assert feedback.channel == Channel.PHONE
    assert feedback.form_data["what_happened"] == "The carer came late three times."
    assert GeneralFeedback.objects.get(feedback=feedback).service == service
    contact = ReplyContact.objects.get(feedback=feedback)
    assert (contact.reply_by, contact.phone, contact.name) == ("text", "07700 900123", "Alex Doe")
    assert OfflineRecord.objects.get(feedback=feedback).recorded_by == handler


def test_recorded_feedback_about_a_service_keeps_what_was_typed_on_an_error(
    client, handler, tell_us_page
):
    client.force_login(handler)

    response = client.post(
        "/admin/feedback/record/tell-us/",
        valid_post(kind="idea", service="", what_happened="More evening visits."),
    )

    assert response.status_code == 400
    assert "Choose the service" in text(response)
    assert "More evening visits." in response.content.decode()
    assert not Feedback.objects.exists()


# Threads need real commits, so a transactional test (as in tests/consultations).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_once_with_the_same_key_store_one_response_and_one_record():
    import threading

    from django.db import connections

    from boardhub.demo.factories import ConsultationIndexPageFactory
    from home.models import HomePage

    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    page = ConsultationPageFactory(parent=index)
    officer = UserFactory()
    data = {
        "key": "b" * 32,
        "channel": Channel.PHONE,
        "gathered_on": timezone.localdate(),
        "who": "person",
        "name": "Alex Doe",
        "reply_by": "none",
        "member_user": None,
    }
    barrier = threading.Barrier(2)
    results, errors = [], []

    def save():
        try:
            barrier.wait()
            results.append(
                recording.record_response(page, {"what_works_well_for_you": "Kind"}, data, officer)
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert Feedback.objects.count() == 1
    assert OfflineRecord.objects.count() == 1
    assert ReplyContact.objects.count() == 1
    assert {feedback.pk for feedback in results} == {Feedback.objects.get().pk}
