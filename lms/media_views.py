"""The one part of media storage served from a plain URL: Wagtail's image renditions.

Everything else stays behind a view that checks who asks: credential evidence (private
storage), documents (Wagtail's serve view and its hooks), H5P files (the sandboxed player
route). This replaces Django's DEBUG ``static()`` media route, which served all of MEDIA_ROOT.
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

RENDITIONS = "images"  # Wagtail's rendition folder (wagtail.images get_rendition_upload_to)
IMAGE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
}


@require_safe
def rendition(request, path):
    """Stream one rendition from the default storage (any backend), as an image only."""
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if (
        extension not in IMAGE_TYPES
        or posixpath.normpath(path) != path
        or path.startswith(("/", "."))
        or "/" in path
        or "\\" in path
    ):
        raise Http404
    try:
        handle = default_storage.open(f"{RENDITIONS}/{path}", "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=IMAGE_TYPES[extension])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
