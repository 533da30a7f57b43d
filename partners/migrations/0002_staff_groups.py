"""The two staff roles. Editors create and edit; publishers also publish, delete and import."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD_MODELS = {
    "partners": ["sector", "partner", "office", "product", "tradefigure"],
    "agreements": ["agreement", "agreementevent", "fundingcall"],
    "missions": ["mission", "missionplace", "delegationmember", "recommendation", "followupaction"],
}
PUBLISHER_EXTRA = [
    ("partners", "publish_partner"),
    ("agreements", "publish_agreement"),
    ("missions", "publish_mission"),
    ("partners", "import_tradefigure"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(app_label, codenames):
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Missing permissions in {app_label}: {sorted(missing)}")
        return found

    editor, _ = Group.objects.get_or_create(name="Editor")
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    for app_label, models in RECORD_MODELS.items():
        edit = [f"{action}_{model}" for model in models for action in ("add", "change", "view")]
        delete = [f"delete_{model}" for model in models]
        editor.permissions.add(*perms(app_label, edit))
        publisher.permissions.add(*perms(app_label, edit + delete))
    for app_label, codename in PUBLISHER_EXTRA:
        publisher.permissions.add(*perms(app_label, [codename]))
    # The publication log is read by everyone on staff and written only by the workflow.
    for group in (editor, publisher):
        group.permissions.add(*perms("partners", ["view_transition"]))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0001_initial"),
        ("agreements", "0001_initial"),
        ("missions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
