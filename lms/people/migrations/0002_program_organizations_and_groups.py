from django.db import migrations

from lms.people.program import ORGANIZATIONS

GROUPS = ["Facilitators", "Case managers", "Partner admins", "Program admins"]


def forwards(apps, schema_editor):
    Organization = apps.get_model("people", "Organization")
    for org in ORGANIZATIONS:
        Organization.objects.update_or_create(slug=org["slug"], defaults=org)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_ct,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
