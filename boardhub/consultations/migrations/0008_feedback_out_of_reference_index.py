"""Take responses out of Wagtail's reference index (Feedback.wagtail_reference_index_ignore)."""

from django.db import migrations


def forget_responses(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    feedback = ContentType.objects.filter(app_label="consultations", model="feedback").first()
    if feedback is not None:
        ReferenceIndex.objects.filter(content_type=feedback).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_accessible_formats_team"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forget_responses, migrations.RunPython.noop)]
