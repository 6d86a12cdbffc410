"""The first themes officers tag responses with, and the two groups that may read responses:

- Feedback handlers: use the admin, read and handle feedback.
- Safeguarding: all of that, and read responses flagged for safeguarding.
"""

from django.db import migrations

THEMES = ("Waiting times", "Communication", "Information", "Access", "Money")

FEEDBACK_HANDLERS = "Feedback handlers"
SAFEGUARDING = "Safeguarding"

PERMISSIONS = {
    "access_admin": ("wagtailadmin", "admin", "Can access Wagtail admin"),
    "handle_feedback": ("feedback", "statuschange", "Can read and handle feedback"),
    "handle_safeguarding": (
        "feedback",
        "safeguardingflag",
        "Can read responses flagged for safeguarding",
    ),
}
GROUPS = {
    FEEDBACK_HANDLERS: ("access_admin", "handle_feedback"),
    SAFEGUARDING: ("access_admin", "handle_feedback", "handle_safeguarding"),
}


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    app_label, model, name = PERMISSIONS[codename]
    # Django makes permissions after all migrations have run; make these ones now.
    content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, __ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def create(apps, schema_editor):
    Theme = apps.get_model("feedback", "Theme")
    Group = apps.get_model("auth.Group")
    for name in THEMES:
        Theme.objects.get_or_create(name=name)
    for name, codenames in GROUPS.items():
        group, __ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(apps, codename) for codename in codenames))


def remove(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
