"""The permission policy the admin viewsets share: what it lets each person do, and that the
people Wagtail is told may do something are exactly those it lets do it."""

import pytest
from django.contrib.auth.models import Group, Permission

from boardhub.consultations.models import Feedback
from boardhub.core.permissions import ActionPermissionPolicy
from boardhub.demo.factories import UserFactory
from boardhub.joining.models import Invitation

pytestmark = pytest.mark.django_db

ACTIONS = ("add", "change", "view", "delete", "review")


def given(*codenames, group=False, **kwargs):
    """Someone with the joining permissions named, given to them or to a group they are in."""
    user = UserFactory(**kwargs)
    permissions = Permission.objects.filter(
        content_type__app_label="joining", codename__in=codenames
    )
    if group:
        team = Group.objects.create(name=f"Team of {user.email}")
        team.permissions.set(permissions)
        user.groups.add(team)
    else:
        user.user_permissions.set(permissions)
    return user


def allowed(policy, user):
    return {action for action in ACTIONS if policy.user_has_permission(user, action)}


def test_refused_actions_are_refused_to_everyone_and_the_rest_need_the_models_permission():
    policy = ActionPermissionPolicy(Invitation, refused=("change",))
    viewer = given("view_invitation")
    adder = given("add_invitation", group=True)
    superuser = UserFactory(is_superuser=True)
    inactive = given("view_invitation", is_active=False)

    assert allowed(policy, viewer) == {"view"}
    assert allowed(policy, adder) == {"add"}
    assert allowed(policy, superuser) == {"add", "view", "delete", "review"}
    assert allowed(policy, inactive) == set()
    assert set(policy.users_with_permission("change")) == set()
    assert set(policy.users_with_any_permission(["add", "delete"])) == {adder, superuser}


def test_with_requires_each_action_needs_all_its_permissions_and_others_are_refused():
    policy = ActionPermissionPolicy(
        Feedback,
        requires={
            "view": ["joining.view_invitation"],
            "delete": ["joining.view_invitation", "joining.delete_invitation"],
        },
    )
    viewer = given("view_invitation", group=True)
    deleter = given("view_invitation", "delete_invitation")
    deleter_who_cannot_view = given("delete_invitation", group=True)
    superuser = UserFactory(is_superuser=True)

    assert allowed(policy, viewer) == {"view"}
    assert allowed(policy, deleter) == {"view", "delete"}
    assert allowed(policy, deleter_who_cannot_view) == set()
    assert allowed(policy, superuser) == {"view", "delete"}
    assert set(policy.users_with_permission("delete")) == {deleter, superuser}
    assert set(policy.users_with_any_permission(["add", "review"])) == set()


@pytest.mark.parametrize(
    "policy",
    [
        ActionPermissionPolicy(Invitation, refused=("add", "change")),
        ActionPermissionPolicy(Feedback, requires={"delete": ["joining.delete_invitation"]}),
    ],
)
def test_wagtail_is_told_the_same_people_the_policy_lets_act(policy):
    people = [
        given("view_invitation"),
        given("add_invitation", "delete_invitation", group=True),
        given("review_application", group=True),
        given("delete_invitation", is_active=False),
        UserFactory(is_superuser=True),
        UserFactory(),
    ]
    for action in ACTIONS:
        told = set(policy.users_with_permission(action))
        assert told == {person for person in people if policy.user_has_permission(person, action)}
