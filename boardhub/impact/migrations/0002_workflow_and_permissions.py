"""Change records go through the same review as pages, and officers get the least they need:

- Editors, Feedback handlers and Safeguarding: write change records and send them for review, never publish.
- Moderators: all of that, publish them, and delete drafts.

Linking responses to a change also needs the "handle feedback" permission, which only
Feedback handlers and Safeguarding have.
"""

from django.db import migrations

MODEL = "changerecord"
GROUPS = {
    "Editors": ("add", "change"),
    "Feedback handlers": ("add", "change"),
    "Safeguarding": ("add", "change"),
    "Moderators": ("add", "change", "publish", "delete"),
}
# Wagtail's own migrations make this one, and use it for pages.
WORKFLOW = "Moderators approval"


def permission(apps, action):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    # Django (and Wagtail, for "publish") make permissions after all migrations; make these now.
    content_type, __ = ContentType.objects.get_or_create(app_label="impact", model=MODEL)
    found, __ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{MODEL}",
        defaults={"name": f"Can {action} change (you said, we did)"},
    )
    return found


def set_up(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    for name, actions in GROUPS.items():
        group, __ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(apps, action) for action in actions))
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    if workflow is not None:
        content_type, __ = ContentType.objects.get_or_create(app_label="impact", model=MODEL)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def undo(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="impact", content_type__model=MODEL
    ).delete()
    Permission.objects.filter(content_type__app_label="impact", codename__endswith=MODEL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("feedback", "0002_themes_and_groups"),
        ("members", "0003_officer_groups"),
    ]

    operations = [migrations.RunPython(set_up, undo)]
