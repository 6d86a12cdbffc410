"""Moderators, the senior officers, handle membership: they invite people and decide on
applications. Editors do not: they look after the site's pages."""

from django.db import migrations

MODERATORS = "Moderators"
JOINING_PERMISSIONS = (
    ("invitation", "add_invitation", "Can add invitation"),
    ("invitation", "view_invitation", "Can view invitation"),
    ("application", "view_application", "Can view application"),
    ("application", "review_application", "Can approve or decline applications"),
)


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    moderators, __ = Group.objects.get_or_create(name=MODERATORS)
    for model, codename, name in JOINING_PERMISSIONS:
        # Django makes permissions after all migrations have run; make these ones now.
        content_type, __ = ContentType.objects.get_or_create(app_label="joining", model=model)
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    codenames = [codename for __, codename, __ in JOINING_PERMISSIONS]
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="joining", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("joining", "0001_initial"),
        ("members", "0003_officer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
