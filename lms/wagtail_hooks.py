"""lms's own Wagtail hooks: document downloads for the right people, the files lms owns."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .documents import document_verdict
from .orphans import OWNERS_HOOK, field_owner


@hooks.register("before_serve_document")
def serve_documents_to_their_people(document, request):
    """Documents used by plugin pages (CBI handouts, course modules) go only to their people."""
    if document_verdict(request.user, document) is False:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return None


@hooks.register(OWNERS_HOOK)
def wagtail_files():
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    return [
        field_owner("Wagtail document", "default", "documents", get_document_model(), "file"),
        field_owner("Wagtail image", "default", "original_images", image_model, "file"),
        field_owner("Wagtail rendition", "default", "images", rendition_model, "file"),
    ]
