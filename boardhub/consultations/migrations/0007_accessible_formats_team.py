"""The "Accessible formats team": the officers who read requests for a consultation in another
format, send the format and tell the person (or say why it could not be done).

It holds only what that takes: using the admin and handling format requests. Feedback handlers
are not given it: a request is not feedback, and it holds the person's contact details, which
only the officers who send the format need (least privilege). An officer who does both is put
in both groups.
"""

from django.db import migrations

GROUP = "Accessible formats team"
PERMISSIONS = (
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    (
        "consultations",
        "formatrequest",
        "handle_format_requests",
        "Can handle requests for another format",
    ),
)


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group, __ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        # Django makes permissions after all migrations have run; make these ones now.
        content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_consultation_announcements"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
