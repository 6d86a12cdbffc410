"""The ways people hear about the board that the "Join the board" form offers at first, and
the Moderators (who handle joining) keeping that list and the outreach events."""

from django.db import migrations

MODERATORS = "Moderators"
WAYS = (
    ("Social media", False),
    ("A social worker, nurse or other frontline worker", False),
    ("One of the board's events", True),
    ("A community group or charity", False),
    ("A friend, family member or carer (word of mouth)", False),
    ("The council's website or newsletter", False),
    ("A poster or leaflet", False),
)
PERMISSIONS = tuple(
    (model, f"{verb}_{model}", f"Can {verb} {label}")
    for model, label in (("howheard", "way people hear about the board"), ("outreachevent", "outreach event"))
    for verb in ("add", "change", "delete", "view")
)


def add(apps, schema_editor):
    HowHeard = apps.get_model("joining", "HowHeard")
    for order, (name, is_event) in enumerate(WAYS):
        HowHeard.objects.get_or_create(name=name, defaults={"is_event": is_event, "order": order})
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    moderators, __ = apps.get_model("auth.Group").objects.get_or_create(name=MODERATORS)
    for model, codename, name in PERMISSIONS:
        # Django makes permissions after all migrations have run; make these ones now.
        content_type, __ = ContentType.objects.get_or_create(app_label="joining", model=model)
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        moderators.permissions.add(permission)


def remove(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    codenames = [codename for __, codename, __ in PERMISSIONS]
    for group in apps.get_model("auth.Group").objects.filter(name=MODERATORS):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("joining", "0004_recruitment"),
        ("members", "0003_officer_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add, remove)]
