"""Every model that links to a person's account says what it exports and what erasure does."""

from django.apps import apps
from django.contrib.auth import get_user_model

from boardhub.privacy.registry import Erase, registry, unregistered_user_links, user_linking_fields
from tests.architecture.import_graph import LAYERS


def personal_data_file_for(name):
    """Where "app_label.Model.field" is registered: the owning app's personal_data.py if the
    app is above privacy in the layers, else privacy's own (members, allauth, Wagtail)."""
    module = apps.get_app_config(name.split(".")[0]).name  # "boardhub.joining", "wagtail"
    app = module.removeprefix("boardhub.")
    if app in LAYERS and LAYERS.index(app) > LAYERS.index("privacy"):
        return f"{module.replace('.', '/')}/personal_data.py"
    return "boardhub/privacy/personal_data.py"


def test_every_field_that_links_to_a_person_is_registered():
    unregistered = unregistered_user_links()

    assert unregistered == [], (
        "These fields link to the user model but are not registered, so nobody knows whether "
        "they are in the download or erased. Register each where it belongs: "
        + ", ".join(f"{name} in {personal_data_file_for(name)}" for name in unregistered)
    )


def test_the_persons_own_account_comes_first_though_joining_registers_before_privacy():
    """Apps register from their ready(), in INSTALLED_APPS order; the summary page and the file
    still start with the account, then what joining holds, then the admin's records."""
    headings = [link.heading for link in registry.links()]

    assert headings[:7] == [
        "Your account",
        "Your profile",
        "Your answers to the equality questions",
        "Your email addresses",
        "Your two-factor authentication",
        "Your invitation to join the board",
        "Invitations you sent",
    ]
    assert headings.index("Pages you made") < headings.index("Your answers to consultations")


def test_the_message_names_the_owning_apps_file_or_privacys():
    assert personal_data_file_for("joining.Invitation.accepted_by") == (
        "boardhub/joining/personal_data.py"
    )
    assert personal_data_file_for("impact.ChangeRecord.locked_by") == (
        "boardhub/impact/personal_data.py"
    )
    assert personal_data_file_for("members.MemberProfile.user") == (
        "boardhub/privacy/personal_data.py"
    )
    assert personal_data_file_for("wagtailcore.Page.owner") == "boardhub/privacy/personal_data.py"


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
