"""Credential evidence moves from MEDIA_ROOT/private/ (served by the DEBUG media route) to the
private storage, which has no URL. Old files are deleted only once the migration committed."""

import django.core.validators
from django.db import migrations, models, transaction

import credentials.models
import lms.storage

OLD_FOLDER = "private/credentials/evidence"
NEW_FOLDER = "credentials/evidence"


def _move(apps, schema_editor, source, target, old_folder, new_folder):
    AwardRequest = apps.get_model("credentials", "AwardRequest")
    moved = []
    rows = AwardRequest.objects.filter(evidence__startswith=f"{old_folder}/")
    for request_pk, old in rows.values_list("pk", "evidence"):
        new = f"{new_folder}/{old.rsplit('/', 1)[-1]}"
        if source.exists(old) and not target.exists(new):
            with source.open(old, "rb") as handle:
                new = target.save(new, handle)
            moved.append(old)
        AwardRequest.objects.filter(pk=request_pk).update(evidence=new)

    def delete_old():
        for name in moved:
            source.delete(name)

    transaction.on_commit(delete_old, using=schema_editor.connection.alias)


def to_private(apps, schema_editor):
    from django.core.files.storage import default_storage, storages

    _move(apps, schema_editor, default_storage, storages["private"], OLD_FOLDER, NEW_FOLDER)


def to_media(apps, schema_editor):
    from django.core.files.storage import default_storage, storages

    _move(apps, schema_editor, storages["private"], default_storage, NEW_FOLDER, OLD_FOLDER)


class Migration(migrations.Migration):
    dependencies = [("credentials", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="awardrequest",
            name="evidence",
            field=models.FileField(
                storage=lms.storage.private_storage,
                upload_to=credentials.models.evidence_path,
                validators=[
                    django.core.validators.FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])
                ],
                verbose_name="certificate (PDF or photo)",
            ),
        ),
        migrations.RunPython(to_private, to_media),
    ]
