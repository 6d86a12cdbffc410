"""The "Feedback deleters" group: the only officers (with superusers) who may delete a
response, with a reason.

A group of its own, holding only that permission, rather than a right of Feedback handlers or
Safeguarding: reading and sorting responses is daily work for many officers, but deleting
someone's words is rare and cannot be undone, so few people (such as the data protection lead)
should be able to. It is added to someone who already reads responses: on its own it gives
nothing.
"""

from django.db import migrations

FEEDBACK_DELETERS = "Feedback deleters"
CODENAME = "delete_responses"
NAME = "Can delete responses, giving a reason"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    # Django makes permissions after all migrations have run; make this one now.
    content_type, __ = ContentType.objects.get_or_create(app_label="feedback", model="statuschange")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    group, __ = Group.objects.get_or_create(name=FEEDBACK_DELETERS)
    group.permissions.add(permission)


def remove(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=FEEDBACK_DELETERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_themes_and_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="statuschange",
            options={
                "default_permissions": (),
                "ordering": ["changed_at", "pk"],
                "permissions": [
                    ("handle_feedback", "Can read and handle feedback"),
                    ("delete_responses", "Can delete responses, giving a reason"),
                ],
                "verbose_name": "status change",
            },
        ),
        migrations.RunPython(create, remove),
    ]
