"""Documents already used as CBI handouts move into the private "CBI handouts" collection
(sign-in required; the document_access hook narrows it to the lesson's groups)."""

from django.db import migrations

HANDOUTS_COLLECTION = "CBI handouts"
STEP = 4  # treebeard's path step for Wagtail collections


def _handouts_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
    children = Collection.objects.filter(path__startswith=root.path, depth=root.depth + 1)
    collection = children.filter(name=HANDOUTS_COLLECTION).first()
    if collection is None:
        last = children.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-STEP:], 36) + 1 if last else 1
        suffix = ""
        while number:
            number, digit = divmod(number, 36)
            suffix = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + suffix
        collection = Collection.objects.create(
            name=HANDOUTS_COLLECTION,
            path=root.path + suffix.rjust(STEP, "0"),
            depth=root.depth + 1,
            numchild=0,
        )
        Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    Restriction.objects.get_or_create(collection=collection, restriction_type="login")
    return collection


def forwards(apps, schema_editor):
    from cbi_curriculum.documents import handout_document_ids

    LessonPage = apps.get_model("cbi_curriculum", "LessonPage")
    Document = apps.get_model("wagtaildocs", "Document")
    ids = set()
    for handouts in LessonPage.objects.values_list("handouts", flat=True):
        raw = getattr(handouts, "raw_data", handouts)
        ids |= handout_document_ids(list(raw) if raw is not None else [])
    if not ids:
        return
    collection = _handouts_collection(apps)
    Document.objects.filter(pk__in=ids).update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("cbi_curriculum", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
