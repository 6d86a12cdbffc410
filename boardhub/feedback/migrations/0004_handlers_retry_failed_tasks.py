"""Feedback handlers and Safeguarding may see the background tasks that failed for good (emails
not sent, with whom they were for) and try them again (boardhub.core.failed_tasks).

They are the officers who answer the people those emails were for. Safeguarding has every
right Feedback handlers have (0002_themes_and_groups), so it gets this one too.
"""

from django.db import migrations

GROUPS = ("Feedback handlers", "Safeguarding")
CODENAME = "retry_failed_task"
NAME = "Can see background tasks that failed (emails not sent) and try them again"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    # Django makes permissions after all migrations have run; make this one now.
    content_type, __ = ContentType.objects.get_or_create(app_label="core", model="taskretry")
    permission, __ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permission = Permission.objects.filter(
        content_type__app_label="core", codename=CODENAME
    ).first()
    if permission:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_feedback_deleters"),
        ("core", "0004_task_retry"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
