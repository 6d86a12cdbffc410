"""Every model that links to a person's account says what it exports and what erasure does."""

from django.contrib.auth import get_user_model

from boardhub.privacy.registry import Erase, registry, unregistered_user_links, user_linking_fields


def test_every_field_that_links_to_a_person_is_registered():
    unregistered = unregistered_user_links()

    assert unregistered == [], (
        "These fields link to the user model but are not in boardhub/privacy/registrations.py, "
        "so nobody knows whether they are in the download or erased: " + ", ".join(unregistered)
    )


def test_the_registry_finds_fields_inherited_from_wagtail_pages_once():
    found = {f"{model._meta.label}.{field.name}" for model, field in user_linking_fields()}

    assert "wagtailcore.Page.owner" in found
    assert "core.StandardPage.owner" not in found


def test_the_account_itself_is_registered_and_anonymised_not_deleted():
    link = registry.account_link()

    assert link is not None
    assert link.erase is Erase.ANONYMISE


def test_every_registration_names_a_real_field_that_links_to_a_person():
    user_model = get_user_model()
    for link in registry.links():
        field = link.get_field()  # fails loudly for a field that does not exist
        if link is not registry.account_link():
            assert field.related_model is user_model, f"{link.name} does not link to a person"


def test_every_registration_says_what_happens_and_why():
    for link in registry.links():
        assert link.heading and link.purpose, link.name
        if link.erase is Erase.KEEP:
            assert link.reason, f"{link.name} is kept: say why"
        if link.erase is Erase.ANONYMISE:
            assert callable(link.anonymise), link.name
