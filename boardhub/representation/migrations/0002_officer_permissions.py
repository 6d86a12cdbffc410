"""Moderators and Feedback handlers keep the reference populations and see the officers' view
of the board's make-up (the detailed groups, still suppressed). No other group: equality
figures are read only by those who report on them (least privilege)."""

from django.db import migrations

GROUPS = ("Moderators", "Feedback handlers")
PERMISSIONS = (
    ("representation", "whoisontheboardpage", "view_board_make_up",
     "Can see the board's make-up in detail, and its gaps"),
    *(
        ("representation", "referencepopulation", f"{verb}_referencepopulation",
         f"Can {verb} reference population")
        for verb in ("add", "change", "delete", "view")
    ),
)


def give(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = []
    for app_label, model, codename, name in PERMISSIONS:
        # Django makes permissions after all migrations have run; make these ones now.
        content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for name in GROUPS:
        group, __ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def take_back(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    codenames = [codename for __, __, codename, __ in PERMISSIONS]
    for group in apps.get_model("auth.Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("representation", "0001_initial"),
        ("members", "0003_officer_groups"),
        ("feedback", "0002_themes_and_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give, take_back)]
