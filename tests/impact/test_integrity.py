"""What changes point at stays: a service or consultation that a change record is about cannot
be deleted (and the officer is told which changes are in the way), and a deleted response is
written on the history of each change it shaped."""

import pytest
from wagtail.models import ModelLogEntry, Page, ReferenceIndex

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import FeedbackFactory, ServiceFactory
from boardhub.impact import linking
from boardhub.impact.models import ChangeRecord
from boardhub.services.models import Service

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def assert_refused_with_reason(response, thing, *changes):
    page = text_of(response)
    assert f"You cannot delete “{thing}”" in page
    for change in changes:
        assert change.title in page
        assert f"/admin/snippets/impact/changerecord/edit/{change.pk}/" in page
    assert "first take it off each of these changes" in page


# Services


def service_delete_url(service):
    return f"/admin/snippets/services/service/delete/{service.pk}/"


def test_a_service_that_changes_are_about_cannot_be_deleted(
    client, admin_user, service, change, draft_change
):
    client.force_login(admin_user)

    asked = client.get(service_delete_url(service))
    posted = client.post(service_delete_url(service))

    assert asked.status_code == 200
    assert_refused_with_reason(asked, "Home care", change, draft_change)
    assert "(draft)" in text_of(asked)
    assert posted.status_code == 409
    assert_refused_with_reason(posted, "Home care", change)
    assert Service.objects.filter(pk=service.pk).exists()


def test_a_service_cannot_be_deleted_in_bulk_either(client, admin_user, service, change):
    spare = ServiceFactory(name="Spare")
    client.force_login(admin_user)
    url = f"/admin/bulk/services/service/delete/?id={service.pk}&id={spare.pk}"

    assert_refused_with_reason(client.get(url), "Home care", change)
    client.post(url)

    assert Service.objects.filter(pk__in=[service.pk, spare.pk]).count() == 2


def test_the_refusal_does_not_rely_on_wagtails_reference_index(client, admin_user, service, change):
    """The index is filled in by a background task, so it can lag behind."""
    ReferenceIndex.objects.all().delete()
    client.force_login(admin_user)

    posted = client.post(service_delete_url(service))

    assert posted.status_code == 409
    assert Service.objects.filter(pk=service.pk).exists()


def test_a_service_no_change_is_about_can_be_deleted(client, admin_user, change):
    unused = ServiceFactory(name="Unused")
    client.force_login(admin_user)

    response = client.post(service_delete_url(unused))

    assert response.status_code == 302
    assert not Service.objects.filter(pk=unused.pk).exists()


# Consultations


def page_delete_url(page):
    return f"/admin/pages/{page.pk}/delete/"


def test_a_consultation_that_changes_came_from_cannot_be_deleted(
    client, admin_user, consultation, change
):
    client.force_login(admin_user)

    asked = client.get(page_delete_url(consultation))
    posted = client.post(page_delete_url(consultation))

    assert_refused_with_reason(asked, "Care at home", change)
    assert posted.status_code == 409
    assert Page.objects.filter(pk=consultation.pk).exists()


def test_the_consultations_section_cannot_be_deleted_with_such_a_consultation_in_it(
    client, admin_user, consultation_index, consultation, change
):
    client.force_login(admin_user)

    posted = client.post(page_delete_url(consultation_index))

    assert_refused_with_reason(posted, "Consultations", change)
    assert Page.objects.filter(pk__in=[consultation_index.pk, consultation.pk]).count() == 2


def test_the_consultations_section_cannot_be_deleted_in_bulk_either(
    client, admin_user, consultation_index, consultation, change
):
    client.force_login(admin_user)
    parent = consultation_index.get_parent()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={consultation_index.pk}&childOf={parent.pk}"

    posted = client.post(url)

    assert_refused_with_reason(posted, "Consultations", change)
    assert Page.objects.filter(pk__in=[consultation_index.pk, consultation.pk]).count() == 2


def test_a_consultation_no_change_came_from_can_be_deleted(
    client, admin_user, consultation_index, change
):
    from boardhub.demo.factories import ConsultationPageFactory

    unused = ConsultationPageFactory(parent=consultation_index, title="Unused")
    client.force_login(admin_user)

    response = client.post(page_delete_url(unused))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=unused.pk).exists()


# Deleting a response


def test_deleting_a_linked_response_is_written_on_the_change_and_drops_its_count(
    client, admin_user, handler, draft_change, consultation
):
    # A published change refuses the deletion (tests/feedback/test_deleting.py); a draft not.
    change = draft_change
    kept = FeedbackFactory(page=consultation)
    deleted = FeedbackFactory(page=consultation)
    for feedback in (kept, deleted):
        linking.link(change, feedback, handler)
    reference = deleted.reference
    client.force_login(admin_user)

    response = client.post(f"/admin/feedback/delete/{deleted.pk}/", {"reason": "Sent twice."})

    assert response.status_code == 302
    assert not Feedback.objects.filter(pk=deleted.pk).exists()
    entry = ModelLogEntry.objects.get(action=linking.LINKED_RESPONSE_DELETED)
    assert (entry.object_id, entry.user) == (str(change.pk), admin_user)
    assert ChangeRecord.objects.with_response_counts().get(pk=change.pk).response_count == 1
    history = text_of(client.get(f"/admin/snippets/impact/changerecord/history/{change.pk}/"))
    assert f"A linked response was deleted: {reference}" in history


def test_deleting_a_response_that_shaped_nothing_writes_nothing_on_changes(
    handler, change, consultation
):
    FeedbackFactory(page=consultation).delete()

    assert not ModelLogEntry.objects.filter(action=linking.LINKED_RESPONSE_DELETED).exists()
