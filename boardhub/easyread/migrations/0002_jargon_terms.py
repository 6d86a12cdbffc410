"""The first jargon words the readability check flags, and the officers' right to add more:
Editors add and change jargon words, Moderators may also delete them."""

from django.db import migrations

# (word, what to say instead)
JARGON = [
    ("capacity", "being able to make your own decisions"),
    ("commissioning", "choosing and paying for services"),
    ("domiciliary", "at home"),
    ("eligibility", "who can get it"),
    ("facilitate", "help"),
    ("integrated", "joined up"),
    ("outcomes", "what changes for you"),
    ("pathway", "the steps"),
    ("personalisation", "care that fits you"),
    ("provision", "help, or what we give"),
    ("reablement", "short-term help to do things for yourself again"),
    ("respite", "a break"),
    ("safeguarding", "keeping people safe from harm"),
    ("service user", "person who gets care or support"),
    ("signpost", "tell you where to go"),
    ("stakeholder", "people who are involved"),
    ("statutory", "by law"),
    ("utilise", "use"),
]


def add_jargon(apps, schema_editor):
    JargonTerm = apps.get_model("easyread", "JargonTerm")
    for word, plain_words in JARGON:
        JargonTerm.objects.get_or_create(word=word, defaults={"plain_words": plain_words})


JARGON_PERMISSIONS = {
    "Editors": ("add_jargonterm", "change_jargonterm", "view_jargonterm"),
    "Moderators": ("add_jargonterm", "change_jargonterm", "delete_jargonterm", "view_jargonterm"),
}


def let_officers_edit_jargon(apps, schema_editor):
    # Model permissions are normally made after all migrations run, so make them here.
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, __ = ContentType.objects.get_or_create(app_label="easyread", model="jargonterm")
    for group_name, codenames in JARGON_PERMISSIONS.items():
        group, __ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission, __ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            group.permissions.add(permission)


def remove_jargon(apps, schema_editor):
    JargonTerm = apps.get_model("easyread", "JargonTerm")
    JargonTerm.objects.filter(word__in=[word for word, _ in JARGON]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("easyread", "0001_initial"),
        ("members", "0003_officer_groups"),
    ]

    operations = [
        migrations.RunPython(add_jargon, remove_jargon),
        # Going back leaves the permissions: removing the jargon words makes them harmless.
        migrations.RunPython(let_officers_edit_jargon, migrations.RunPython.noop),
    ]
