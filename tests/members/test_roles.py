"""Roles: the public (no account), board members, officers (Wagtail's Editors and Moderators
groups, with the least permissions that work) and administrators (superusers)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from boardhub.demo.factories import StandardPageFactory, UserFactory, activate_totp

pytestmark = pytest.mark.django_db


def home_page():
    return Site.objects.get(is_default_site=True).root_page


def page_permissions(name):
    return {
        (grant.page_id, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group__name=name)
    }


def collection_permissions(name):
    return {
        (grant.collection_id, grant.permission.codename)
        for grant in GroupCollectionPermission.objects.filter(group__name=name)
    }


def model_permissions(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("name", ["Editors", "Moderators"])
def test_both_officer_groups_may_use_the_admin_and_nothing_model_wide(name):
    # No model-wide rights to change or delete every picture and document, as Wagtail's own
    # migrations gave: only the right to open the admin, to write "you said, we did" records
    # (which only Moderators publish), and to add to the easy read check's list of jargon.
    expected = {
        "wagtailadmin.access_admin",
        "impact.add_changerecord",
        "impact.change_changerecord",
        "easyread.add_jargonterm",
        "easyread.change_jargonterm",
        "easyread.view_jargonterm",
    }
    if name == "Moderators":
        # Moderators also handle membership: inviting people and deciding on applications.
        expected |= {
            "joining.add_invitation",
            "joining.view_invitation",
            "joining.view_application",
            "joining.review_application",
            "impact.publish_changerecord",
            "impact.delete_changerecord",
            "easyread.delete_jargonterm",
            # Recruitment's lists (joining 0005), and who the board speaks for
            # (representation 0002): the reference populations and the make-up in detail.
            *(
                f"joining.{verb}_{model}"
                for model in ("howheard", "outreachevent")
                for verb in ("add", "change", "delete", "view")
            ),
            *(
                f"representation.{verb}_referencepopulation"
                for verb in ("add", "change", "delete", "view")
            ),
            "representation.view_board_make_up",
        }
    assert model_permissions(name) == expected


def test_editors_add_and_change_pages_under_the_home_page_but_do_not_publish():
    home = home_page()

    assert page_permissions("Editors") == {(home.pk, "add_page"), (home.pk, "change_page")}


def test_moderators_also_publish():
    home = home_page()

    assert page_permissions("Moderators") == {
        (home.pk, "add_page"),
        (home.pk, "change_page"),
        (home.pk, "publish_page"),
    }


@pytest.mark.parametrize("name", ["Editors", "Moderators"])
def test_officers_add_and_choose_pictures_and_documents(name):
    root = Collection.get_first_root_node()

    assert collection_permissions(name) == {
        (root.pk, "add_image"),
        (root.pk, "choose_image"),
        (root.pk, "add_document"),
        (root.pk, "choose_document"),
    }


def test_nothing_is_granted_above_the_home_page():
    root = Page.get_first_root_node()

    assert not GroupPagePermission.objects.filter(page=root).exists()


def test_an_editor_can_edit_but_not_publish_and_a_moderator_can_publish():
    page = StandardPageFactory(parent=home_page())
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))

    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()
    assert not Page.get_first_root_node().permissions_for_user(moderator).can_add_subpage()


def test_an_editor_with_two_factor_can_open_the_page_editor(client):
    page = StandardPageFactory(parent=home_page())
    editor = UserFactory(verified=True, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    activate_totp(editor)
    client.force_login(editor)

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    # Users and settings are for administrators only.
    assert client.get("/admin/users/").status_code in (302, 403)


def menu(client):
    html = client.get("/").content.decode()
    start = html.index('aria-label="Main"')
    return html[start : html.index("</nav>", start)]


def test_the_public_see_sign_in_only(client):
    links = menu(client)

    assert ">Sign in</a>" in links
    assert "Your account" not in links
    assert "Officers&#x27; admin" not in links and "Officers' admin" not in links


def test_a_member_sees_their_account_but_not_the_admin_link(client):
    client.force_login(UserFactory(verified=True))

    links = menu(client)

    assert 'href="/account/">Your account</a>' in links
    assert "admin" not in links


def test_a_staff_flag_alone_does_not_show_the_admin_link(client):
    # Wagtail lets people in by permission (or superuser), not by Django's is_staff.
    client.force_login(UserFactory(verified=True, is_staff=True))

    assert "Officers' admin" not in menu(client)


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_officers_see_the_admin_link(client, group):
    officer = UserFactory(verified=True, is_staff=True)
    officer.groups.add(Group.objects.get(name=group))
    client.force_login(officer)

    assert 'href="/admin/">Officers\' admin</a>' in menu(client)


def test_administrators_see_the_admin_link(client):
    client.force_login(UserFactory(verified=True, is_staff=True, is_superuser=True))

    assert "Officers' admin" in menu(client)
