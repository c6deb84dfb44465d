"""Who may download a Wagtail document: plugins judge the documents their pages use.

Plugins register ``document_access`` hooks, ``fn(user, document) -> bool | None``: True allows,
False refuses, None means "not a document my pages use". lms's ``before_serve_document`` hook
(lms/wagtail_hooks.py) asks them all: any True allows, otherwise any False refuses (anonymous
people are sent to sign in), and when nobody claims the document its collection's privacy
decides (Wagtail's own hook). Editors who may change the document, and program admins, may
always download it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, QuerySet
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from wagtail import hooks
from wagtail.documents import get_permission_policy
from wagtail.models import Page, ReferenceIndex

from lms.people.roles import Role

DOCUMENT_ACCESS_HOOK = "document_access"


def pages_holding(document, page_model) -> QuerySet:
    """Live pages of ``page_model`` whose content uses ``document`` (Wagtail's reference index)."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .values("page_id")
    )
    return page_model.objects.live().filter(pk__in=page_ids)


def keep_references_fresh(page_model) -> None:
    """Index a page's references as it is saved, not later on the task worker: the index
    decides who may download a document, so it must never lag behind a publish."""

    def index_now(sender, instance, raw=False, **kwargs):
        if not raw:
            ReferenceIndex.create_or_update_for_object(instance)

    post_save.connect(index_now, sender=page_model, weak=False, dispatch_uid=f"refs:{page_model}")


def is_document_editor(user, document) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or getattr(user, "role", None) == Role.PROGRAM_ADMIN:
        return True
    return get_permission_policy().user_has_permission_for_instance(user, "change", document)


def document_verdict(user, document) -> bool | None:
    """True: may download; False: may not; None: no plugin claims it (collection decides)."""
    verdicts = [fn(user, document) for fn in hooks.get_hooks(DOCUMENT_ACCESS_HOOK)]
    verdicts = [verdict for verdict in verdicts if verdict is not None]
    if not verdicts:
        return None
    return any(verdicts) or is_document_editor(user, document)
