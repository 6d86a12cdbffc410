"""One door to people's answers: Wagtail's own form-submission views show, download and
delete nothing of a consultation's; they lead to the triage listing of that consultation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import get_submissions_list_view

from boardhub.consultations.models import Feedback
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db


def triage_of(consultation):
    return f"/admin/feedback/?consultation={consultation.pk}"


def wagtail_urls(consultation, feedback):
    submissions = f"/admin/forms/submissions/{consultation.pk}/"
    return [
        submissions,
        submissions + "results/",
        submissions + "?export=csv",
        submissions + "?export=xlsx",
        submissions + f"delete/?selected-submissions={feedback.pk}",
    ]


@pytest.fixture(params=["superuser", "handler", "safeguarding", "page editor and handler"])
def officer(request):
    return {
        "superuser": lambda: officer_in(is_superuser=True),
        "handler": lambda: officer_in("Feedback handlers"),
        "safeguarding": lambda: officer_in("Safeguarding"),
        "page editor and handler": lambda: officer_in("Editors", "Moderators", "Feedback handlers"),
    }[request.param]()


def test_wagtails_submission_views_lead_to_the_triage_listing(client, officer, feedback):
    client.force_login(officer)

    for url in wagtail_urls(feedback.page, feedback):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == triage_of(feedback.page), url
        assert "Content-Disposition" not in response, url


def test_the_triage_listing_it_leads_to_shows_that_consultations_responses(
    client, handler, feedback
):
    client.force_login(handler)

    response = client.get(f"/admin/forms/submissions/{feedback.page.pk}/", follow=True)

    assert response.status_code == 200
    assert feedback.reference in response.content.decode()


def test_wagtails_delete_view_deletes_nothing(client, feedback):
    client.force_login(officer_in(is_superuser=True))
    url = f"/admin/forms/submissions/{feedback.page.pk}/delete/?selected-submissions={feedback.pk}"

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == triage_of(feedback.page)
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_wagtails_forms_listing_leads_to_the_triage_listing(client, handler, feedback):
    client.force_login(handler)

    for url in ("/admin/forms/", "/admin/forms/results/"):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == "/admin/feedback/"


def test_someone_without_admin_access_is_sent_to_sign_in_not_to_triage(client, feedback):
    response = client.get(f"/admin/forms/submissions/{feedback.page.pk}/")

    assert response.status_code == 302
    assert "/admin/feedback/" not in response["Location"]


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_wagtails_own_view_refuses_consultations_even_without_the_redirect(feedback, export):
    """The second lock: consultations are no one's forms in Wagtail's eyes, so its own view
    (called here past the redirect) refuses them, superusers too."""
    request = RequestFactory().get("/admin/forms/submissions/", {"export": export})
    request.user = officer_in(is_superuser=True)

    assert not get_forms_for_user(request.user).exists()
    with pytest.raises(PermissionDenied):
        get_submissions_list_view(request, page_id=feedback.page.pk)


def test_there_is_no_forms_menu_item(client, feedback):
    client.force_login(officer_in(is_superuser=True))

    content = client.get("/admin/").content.decode()

    assert "/admin/feedback/" in content  # the menu is there, with the triage listing
    assert "/admin/forms/" not in content


@pytest.mark.parametrize("where", ["listing", "header"])
def test_a_consultations_page_buttons_lead_to_its_triage_listing(client, feedback, where):
    consultation = feedback.page
    client.force_login(officer_in("Editors", "Moderators", "Feedback handlers"))
    url = {
        "listing": f"/admin/pages/{consultation.get_parent().pk}/",
        "header": f"/admin/pages/{consultation.pk}/",
    }[where]

    content = client.get(url).content.decode()

    assert f'href="{triage_of(consultation)}"' in content
    assert "/admin/forms/" not in content


def test_a_page_editor_who_cannot_read_responses_gets_no_responses_button(client, feedback):
    client.force_login(officer_in("Editors", "Moderators"))

    content = client.get(f"/admin/pages/{feedback.page.get_parent().pk}/").content.decode()

    assert triage_of(feedback.page) not in content
    assert "/admin/forms/" not in content
