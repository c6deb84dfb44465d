"""Uploaded evidence is distrusted: size, extension and the file's own signature must agree."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .app_settings import app_settings

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def validate_evidence(upload) -> None:
    """Accept a PDF, PNG or JPEG of at most the configured size whose content matches its name."""
    if upload is None:
        raise ValidationError({"evidence": _("Attach the certificate (PDF or photo).")})
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError({"evidence": _("Upload a PDF, PNG or JPEG file.")})
    if upload.size > app_settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "evidence": _("The file is larger than %(mb)d MB.")
                % {"mb": app_settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[extension]):
        raise ValidationError(
            {"evidence": _("The file's content is not a %(ext)s.") % {"ext": extension.upper()}}
        )
    if extension != "pdf":
        try:
            Image.open(io.BytesIO(upload.read())).verify()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ValidationError({"evidence": _("The image cannot be read.")}) from exc
        finally:
            upload.seek(0)
