"""The groups that read responses also see the messages sent to people and work through the
"to contact" list: Feedback handlers and Safeguarding (feedback/migrations/0002)."""

from django.db import migrations

GROUPS = ("Feedback handlers", "Safeguarding")
PERMISSIONS = {
    "contact_by_hand": "Can see messages to people and contact them by hand",
    "view_notification": "Can view message to a person",
}


def give(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    # Django makes permissions after all migrations have run; make these ones now.
    content_type, __ = ContentType.objects.get_or_create(
        app_label="notifications", model="notification"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]
    for name in GROUPS:
        group, __ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def take_back(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(
        content_type__app_label="notifications", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_outbox"),
        ("feedback", "0002_themes_and_groups"),
    ]

    operations = [migrations.RunPython(give, take_back)]
