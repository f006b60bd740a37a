"""Create the `editor` and `viewer` groups with their admin permissions.

Permissions are normally created after migrations (post_migrate), so this migration creates
the content types and permissions of the apps it needs first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("meeting", "attendance", "directive", "official", "region", "sector", "meetingsource")

EDITOR = {
    "meeting": ("view", "change"),
    "attendance": ("view", "add", "change", "delete"),
    "directive": ("view", "add", "change", "delete"),
    "official": ("view", "change"),
    "region": ("view", "add", "change"),
    "sector": ("view", "change"),
    "meetingsource": ("view",),
}
VIEWER = {model: ("view",) for model in MODELS}


def _ensure_permissions(apps):
    for label in ("contenttypes", "auth", "meetings"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("editor", EDITOR), ("viewer", VIEWER)):
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
        perms = Permission.objects.filter(content_type__app_label="meetings", codename__in=codenames)
        if perms.count() != len(codenames):
            missing = set(codenames) - set(perms.values_list("codename", flat=True))
            raise RuntimeError(f"permissions missing: {sorted(missing)}")
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["editor", "viewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
