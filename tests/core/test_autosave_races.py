"""Wagtail's autosave racing the officer's own Save or Publish (boardhub.core.autosave).

The first autosave of a "new" form makes the object; until the browser hears back, the form
still posts to the create view, so the officer's Save or Publish can arrive while the autosave
is still being saved. On a form for an existing object, an autosave that checked it was up to
date just before the officer's Publish committed could save its older text over it.

These tests make the two requests overlap for real, in two threads with a connection each:
the request that goes first is held just after its form has passed validation (before it
saves anything) until the second has gone as far as it can without it (see `Race`); then both
run to the end. Each runs both ways round. Whichever goes first, there must be one object,
holding what the officer sent as its latest version, and neither request may fail with a 500.
"""

import threading

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection, connections
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, RevisionMixin, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from boardhub.consultations.models import ConsultationPage
from boardhub.core.autosave import (
    AutosaveSafeCreateMixin,
    AutosaveSafePageCreateView,
    AutosaveSafePageEditView,
)
from boardhub.demo.factories import (
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ServiceFactory,
)
from boardhub.impact.models import ChangeRecord
from home.models import HomePage
from tests.conftest import SignedInClient
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # how Wagtail's autosave controller posts
SAFETY_TIMEOUT_SECONDS = 20  # only reached if a request hangs: the test then fails


def writes(sql):
    """A statement that writes, or that waits for another transaction's write lock. For a
    create form: by then the second request has passed its own validation."""
    sql = sql.lstrip().upper()
    return sql.startswith(("INSERT", "UPDATE", "DELETE", "BEGIN")) or " FOR UPDATE" in sql


def waits_for_a_lock(sql):
    """A statement that waits for another transaction's row lock or SQLite's write lock. For
    an edit form: the second then runs to its end (its check that it is up to date and its
    save) before the first saves, unless it has to wait for the first."""
    sql = sql.lstrip().upper()
    return sql.startswith("BEGIN") or " FOR UPDATE" in sql


class Race:
    """Two POSTs to one form, the first held just after its form has been validated (before
    it saves anything) until the second has run a statement that `releases`, or has finished
    or failed. The hold is the only wait: no sleeps."""

    def __init__(self, monkeypatch, releases):
        self.releases = releases
        self.first_is_held = threading.Event()
        self.second_has_gone_ahead = threading.Event()
        self.first_thread = None
        self.responses = {}
        self.errors = []
        original_save = WagtailAdminModelForm.save

        def save_held_for_the_second(form, *args, **kwargs):
            if threading.current_thread() is self.first_thread and not self.first_is_held.is_set():
                self.first_is_held.set()
                self.second_has_gone_ahead.wait(SAFETY_TIMEOUT_SECONDS)
            return original_save(form, *args, **kwargs)

        monkeypatch.setattr(WagtailAdminModelForm, "save", save_held_for_the_second)

    def watch(self, execute, sql, params, many, context):
        if self.releases(sql):
            self.second_has_gone_ahead.set()
        return execute(sql, params, many, context)

    def post(self, name, client, url, data, headers):
        try:
            if name == "second":
                assert self.first_is_held.wait(SAFETY_TIMEOUT_SECONDS), "the first never saved"
                with connection.execute_wrapper(self.watch):
                    self.responses[name] = client.post(url, data, **headers)
            else:
                self.responses[name] = client.post(url, data, **headers)
        except Exception as error:
            self.errors.append(error)
        finally:
            self.first_is_held.set()
            self.second_has_gone_ahead.set()
            connections.close_all()  # this thread's own connection

    def run(self, first, second):
        """`first` and `second`: (client, url, data, headers). Returns their responses."""
        threads = {
            name: threading.Thread(target=self.post, args=(name, *request))
            for name, request in (("first", first), ("second", second))
        }
        self.first_thread = threads["first"]
        for thread in threads.values():
            thread.start()
        for thread in threads.values():
            thread.join(SAFETY_TIMEOUT_SECONDS * 2)
        assert not self.errors, self.errors
        return self.responses["first"], self.responses["second"]


def signed_in(officer):
    client = SignedInClient()
    client.force_login(officer)
    return client


def hidden_inputs(client, url):
    """What the browser sends along with the fields: the form's hidden inputs."""
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", method="POST")
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", type="hidden")
        if field.get("name") and "__prefix__" not in field["name"]
    }


def race(monkeypatch, officer, url, autosaved, saved, autosave_goes_first, releases=writes):
    """The autosave of `autosaved` and the officer's own post of `saved`, from one form opened
    at `url`, in two threads with a connection each. Returns (autosave's response, the
    officer's response)."""
    hidden = hidden_inputs(signed_in(officer), url)
    autosave = (signed_in(officer), url, {**hidden, **autosaved}, AUTOSAVE)
    own_save = (signed_in(officer), url, {**hidden, **saved}, {})
    if autosave_goes_first:
        return Race(monkeypatch, releases).run(autosave, own_save)
    own_response, autosave_response = Race(monkeypatch, releases).run(own_save, autosave)
    return autosave_response, own_response


ORDERS = pytest.mark.parametrize(
    "autosave_goes_first", [True, False], ids=["autosave-first", "officer-first"]
)
# Threads need real commits, so transactional tests (see tests/consultations for why they
# keep their serialized rollback).
RACE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def assert_autosave_answered(response, autosave_went_first):
    """The autosave that went first made the object; one that came after the officer's own
    save was refused as out of date, which stops the browser autosaving that old form."""
    if autosave_went_first:
        assert response.status_code == 200, response.content.decode()[:2000]
        assert response.json()["success"]
    else:
        assert response.status_code == 400, response.content.decode()[:2000]
        assert response.json()["error_code"] == "invalid_revision"


# A new consultation: autosave against Publish

QUESTION = {
    "label": "What works well?",
    "help_text": "",
    "required": "on",
    "field_type": "multiline",
    "choices": "",
    "default_value": "",
}


def consultation_form(summary, **extra):
    data = nested_form_data(
        {
            "title": "Care at home",
            "slug": "care-at-home",
            "summary": summary,
            "body": streamfield([("paragraph", rich_text("<p>Read this first.</p>"))]),
            "opens_at": "2026-12-01 09:00",
            "closes_at": "2026-12-15 17:00",
            "audience": "members",
            "form_fields": inline_formset([QUESTION]),
            "thank_you_text": rich_text("<p>Thank you.</p>"),
            "contact_name": "The board team",
            "contact_email": "board@example.org",
            "contact_phone": "",
            "easy_read_page": "",
            "outcome": rich_text(""),
            **extra,
        }
    )
    data["services"] = [str(ServiceFactory().pk)]
    return data


@RACE
@ORDERS
def test_publishing_a_new_consultation_while_it_autosaves_publishes_one_page(
    monkeypatch, autosave_goes_first
):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    moderator = officer_in("Moderators")
    url = f"/admin/pages/add/consultations/consultationpage/{index.pk}/"

    autosaved, published = race(
        monkeypatch,
        moderator,
        url,
        autosaved=consultation_form("We want to know"),
        saved=consultation_form("We want to know what you think.", **{"action-publish": "1"}),
        autosave_goes_first=autosave_goes_first,
    )

    assert published.status_code == 302, published.content.decode()[:2000]
    assert_autosave_answered(autosaved, autosave_goes_first)
    page = ConsultationPage.objects.child_of(index).get()
    assert page.live
    assert page.summary == "We want to know what you think."
    assert not page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "We want to know what you think."


# A new change record: autosave against Save


def change_form(we_did, **extra):
    return nested_form_data(
        {
            "title": "Large print letters",
            "you_said": "Letters were too small to read.",
            "we_did": we_did,
            "status": "agreed",
            "not_possible_reason": "",
            "agreed_on": "2025-03-01",
            "done_on": "",
            "service_links": inline_formset([]),
            "consultation_links": inline_formset([]),
            "evidence": streamfield([]),
            "easy_read_summary": "",
            **extra,
        }
    )


@RACE
@ORDERS
def test_saving_a_new_change_record_while_it_autosaves_makes_one_record(
    monkeypatch, autosave_goes_first
):
    handler = officer_in("Feedback handlers")

    autosaved, saved = race(
        monkeypatch,
        handler,
        "/admin/snippets/impact/changerecord/add/",
        autosaved=change_form("Every letter now"),
        saved=change_form("Every letter now comes in large print if you ask."),
        autosave_goes_first=autosave_goes_first,
    )

    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert_autosave_answered(autosaved, autosave_goes_first)
    change = ChangeRecord.objects.get()
    assert not change.live
    latest = change.get_latest_revision_as_object()
    assert latest.we_did == "Every letter now comes in large print if you ask."


# Saving by hand after autosaves, with no race


def test_the_officers_own_autosave_does_not_make_their_save_look_stale():
    handler = officer_in("Feedback handlers")
    change = ChangeRecordFactory(title="Large print letters", live=False)
    change.save_revision(user=handler)
    url = f"/admin/snippets/impact/changerecord/edit/{change.pk}/"
    client = signed_in(handler)
    opened = hidden_inputs(client, url)

    autosaved = client.post(url, {**opened, **change_form("Every letter now")}, **AUTOSAVE)
    saved = client.post(url, {**opened, **change_form("Every letter now in large print.")})

    assert autosaved.status_code == 200
    assert saved.status_code == 302
    latest = ChangeRecord.objects.get().get_latest_revision_as_object()
    assert latest.we_did == "Every letter now in large print."


def test_an_autosave_with_an_error_makes_nothing_and_the_save_then_makes_the_record():
    handler = officer_in("Feedback handlers")
    url = "/admin/snippets/impact/changerecord/add/"
    client = signed_in(handler)
    form = hidden_inputs(client, url)

    refused = client.post(url, {**form, **change_form("Every", agreed_on="31/02")}, **AUTOSAVE)
    saved = client.post(url, {**form, **change_form("Every letter now in large print.")})

    assert (refused.status_code, refused.json()["error_code"]) == (400, "validation_error")
    assert saved.status_code == 302
    assert ChangeRecord.objects.get().we_did == "Every letter now in large print."


def test_two_new_change_forms_make_two_records():
    handler = officer_in("Feedback handlers")
    url = "/admin/snippets/impact/changerecord/add/"
    client = signed_in(handler)
    first_form, second_form = hidden_inputs(client, url), hidden_inputs(client, url)

    client.post(url, {**first_form, **change_form("Letters in large print.")})
    client.post(url, {**second_form, **change_form("Letters in Braille.", title="Braille")})

    assert sorted(ChangeRecord.objects.values_list("we_did", flat=True)) == [
        "Letters in Braille.",
        "Letters in large print.",
    ]


def test_an_autosave_sent_again_saves_into_the_record_it_made():
    """The browser sends an autosave again when it heard nothing back (a network error)."""
    handler = officer_in("Feedback handlers")
    url = "/admin/snippets/impact/changerecord/add/"
    client = signed_in(handler)
    form = hidden_inputs(client, url)

    first = client.post(url, {**form, **change_form("Every letter")}, **AUTOSAVE)
    again = client.post(url, {**form, **change_form("Every letter now")}, **AUTOSAVE)
    saved = client.post(url, {**form, **change_form("Every letter now in large print.")})

    assert (first.status_code, again.status_code, saved.status_code) == (200, 200, 302)
    latest = ChangeRecord.objects.get().get_latest_revision_as_object()
    assert latest.we_did == "Every letter now in large print."


# Existing objects: autosave against the officer's own Save or Publish


@RACE
@ORDERS
def test_publishing_a_consultation_while_it_autosaves_leaves_no_older_draft(
    monkeypatch, autosave_goes_first
):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    moderator = officer_in("Moderators")
    page = ConsultationPageFactory(
        parent=index, title="Care at home", slug="care-at-home", questions=[]
    )
    page.save_revision(user=moderator).publish()
    url = f"/admin/pages/{page.pk}/edit/"

    autosaved, published = race(
        monkeypatch,
        moderator,
        url,
        autosaved=consultation_form("We want to know"),
        saved=consultation_form("We want to know what you think.", **{"action-publish": "1"}),
        autosave_goes_first=autosave_goes_first,
        releases=waits_for_a_lock,
    )

    assert published.status_code == 302, published.content.decode()[:2000]
    assert_autosave_answered(autosaved, autosave_goes_first)
    page.refresh_from_db()
    assert page.summary == "We want to know what you think."
    assert not page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "We want to know what you think."


@RACE
@ORDERS
def test_saving_a_change_record_while_it_autosaves_saves_the_officers_text(
    monkeypatch, autosave_goes_first
):
    handler = officer_in("Feedback handlers")
    change = ChangeRecordFactory(title="Large print letters", live=False)
    change.save_revision(user=handler)

    autosaved, saved = race(
        monkeypatch,
        handler,
        f"/admin/snippets/impact/changerecord/edit/{change.pk}/",
        autosaved=change_form("Every letter now"),
        saved=change_form("Every letter now comes in large print if you ask."),
        autosave_goes_first=autosave_goes_first,
        releases=waits_for_a_lock,
    )

    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert_autosave_answered(autosaved, autosave_goes_first)
    latest = ChangeRecord.objects.get().get_latest_revision_as_object()
    assert latest.we_did == "Every letter now comes in large print if you ask."


# Every model Wagtail autosaves is covered


def page_view(name, model):
    return page_viewset_registry.get_by_type(model).get_view_by_name(name).view_class


def test_every_page_type_is_created_and_edited_by_the_autosave_safe_views():
    for model in get_page_models():
        assert issubclass(page_view("add", model), AutosaveSafePageCreateView), model
        assert issubclass(page_view("edit", model), AutosaveSafePageEditView), model


def test_every_model_with_revisions_has_an_autosave_safe_create_view():
    """Wagtail autosaves the forms of every snippet with revisions (RevisionMixin)."""
    autosaved = [
        model
        for model in apps.get_models()
        if issubclass(model, RevisionMixin) and not issubclass(model, Page)
    ]
    assert ChangeRecord in autosaved
    for model in autosaved:
        viewset = getattr(model, "snippet_viewset", None)
        assert viewset is not None, f"{model} is autosaved by a view this test does not know"
        assert issubclass(viewset.add_view_class, AutosaveSafeCreateMixin), model
