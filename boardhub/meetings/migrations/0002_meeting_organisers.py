"""The "Meeting organisers": the officers who see who is coming to meetings and the support
each person needs (which can be health information), and arrange it; and who keep venues,
partners and actions. Editors and feedback handlers are not given it (least privilege)."""

from django.db import migrations

GROUP = "Meeting organisers"
PERMISSIONS = (
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("meetings", "rsvp", "arrange_meeting_support", "Can see who is coming and arrange their support"),
    *(
        ("meetings", model, f"{verb}_{model}", f"Can {verb} {model}")
        for model in ("venue", "partner", "action")
        for verb in ("add", "change", "delete", "view")
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
        ("meetings", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
