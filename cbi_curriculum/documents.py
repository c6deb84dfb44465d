"""CBI handout documents live in a private Wagtail collection.

The collection's view restriction sends anonymous people to sign in (Wagtail's own
``before_serve_document`` hook); the ``document_access`` hook in wagtail_hooks.py then lets only
the people of a group that uses the lesson download it (permissions.can_download_handout).
"""

from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction

HANDOUTS_COLLECTION = "CBI handouts"


def handout_collection() -> Collection:
    """The private handouts collection, made (with its sign-in restriction) if missing."""
    with transaction.atomic():
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.get_children().filter(name=HANDOUTS_COLLECTION).first()
        if collection is None:
            collection = root.add_child(name=HANDOUTS_COLLECTION)
        CollectionViewRestriction.objects.get_or_create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def handout_document_ids(raw_handouts) -> set[int]:
    """Document ids in a lesson's handouts stream (raw JSON), English and Spanish."""
    found = set()
    for block in raw_handouts or []:
        if isinstance(block, dict) and block.get("type") == "document":
            value = block.get("value") or {}
            for key in ("document", "document_es"):
                if isinstance(value.get(key), int):
                    found.add(value[key])
    return found
