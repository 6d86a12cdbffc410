"""Officers' groups with the least permissions that work.

Wagtail's own migrations make "Editors" and "Moderators" and give them more than officers need:
page rights from the root of the page tree (above every site), and model-wide rights to change
and delete every picture and document. Here both groups keep only:

- Editors: use the admin; add and change pages under the home page, never publish them; add
  pictures and documents, and choose them for pages.
- Moderators: all of that, and publish pages under the home page.

(Reviewing people's feedback is added to Moderators by a later issue.)
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"

PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    MODERATORS: ("add_page", "change_page", "publish_page"),
}
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
)


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, __ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, __ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return found


def least_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Site = apps.get_model("wagtailcore.Site")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page if site else Page.objects.filter(depth=2).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")

    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, __ = Group.objects.get_or_create(name=name)
        group.permissions.set([access_admin])
        GroupPagePermission.objects.filter(group=group).delete()
        if home is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.create(
                    group=group,
                    page=home,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for app_label, model, codename in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_member_profile_and_equality"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        # Going back leaves the groups as they are: there is nothing broader to restore safely.
        migrations.RunPython(least_permissions, migrations.RunPython.noop),
    ]
