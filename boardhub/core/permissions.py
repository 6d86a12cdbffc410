"""One permission policy for the apps' admin viewsets: Wagtail's model permissions, with the
exceptions each app names when it makes one.

Wagtail asks a policy two things, and both answers must agree: may this user take this action
(the views, menus and buttons ask), and which users may (Wagtail's notifications ask). Here
both come from `permissions_for`, so they cannot drift apart. The policy knows no domain app:
the actions to refuse and the permissions ("app_label.codename") to ask for are parameters.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy


class ActionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, with exceptions, in one of two shapes:

    - `refused`: actions nobody takes, superusers included (a row holding someone's own words
      is never added or edited in the admin); every other action needs the model's own
      permission, as in Wagtail (`view` needs `app_label.view_<model>`, and so on).
    - `requires`: every action allowed, each with the permissions a user needs all of to
      take it; any action it does not name is refused, superusers included.

    Only active users take any action; superusers take every action that is not refused.
    """

    def __init__(self, model, *, refused=(), requires=None):
        super().__init__(model)
        self.refused = frozenset(refused)
        self.requires = requires

    def permissions_for(self, action):
        """The permissions a user needs all of to take `action`, or None when nobody may."""
        if action in self.refused:
            return None
        if self.requires is None:
            return (self._get_permission_name(action),)
        return self.requires.get(action)

    def user_has_permission(self, user, action):
        needed = self.permissions_for(action)
        return needed is not None and user.is_active and user.has_perms(needed)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        allowed = [needed for needed in map(self.permissions_for, actions) if needed is not None]
        if not allowed:
            return users.none()
        who = Q(is_superuser=True)
        for needed in allowed:
            who |= holders_of_all(needed)
        return users.filter(who).distinct()


def holders_of_all(permissions):
    """A filter for the users given every one of `permissions`, directly or by a group."""
    condition = Q()
    for permission in permissions:
        app_label, codename = permission.split(".", 1)
        holders = get_user_model().objects.filter(
            Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
            | Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            )
        )
        condition &= Q(pk__in=holders.values("pk"))
    return condition
