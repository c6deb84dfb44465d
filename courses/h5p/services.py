"""The only writer of H5P packages: check, unpack to media storage, record."""

import hashlib
import io
import zipfile
import zlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.app_settings import app_settings
from courses.models import H5PPackage

from .checks import H5PPackageError, check_package, member_name

CHUNK = 64 * 1024


def archive_hash(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one file, never more than its declared size nor the remaining budget."""
    limit = min(info.file_size, budget)
    buffer = io.BytesIO()
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK):
                if buffer.tell() + len(chunk) > limit:
                    raise H5PPackageError(
                        _("The package unpacks to more data than it declares (a zip bomb)."),
                        code="zip_bomb",
                    )
                buffer.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # zipfile stops at the declared size and then fails the CRC check: same refusal.
        raise H5PPackageError(
            _("The file %(name)s in the package is damaged or larger than it declares.")
            % {"name": info.filename[:200]},
            code="bad_zip",
        ) from exc
    return buffer.getvalue()


def h5p_package_import(upload, *, title: str = "", uploaded_by=None) -> tuple[H5PPackage, bool]:
    """Check and unpack an .h5p upload. Returns (package, created); the same file twice is one.

    Nothing is unpacked unless every check passes; a failure while unpacking removes every file
    already written.
    """
    checked = check_package(upload)
    content_hash = archive_hash(upload)
    existing = H5PPackage.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        return existing, False
    prefix = f"{app_settings.H5P_STORAGE_PREFIX}/{content_hash}"
    written: list[str] = []
    try:
        archive = zipfile.ZipFile(upload)
        budget = app_settings.H5P_MAX_UNPACKED_BYTES
        for info in checked.members:
            data = read_member(archive, info, budget)
            budget -= len(data)
            stored = member_name(info)
            data = checked.replacements.get(stored, data)
            name = f"{prefix}/{stored}"
            if default_storage.exists(name):
                default_storage.delete(name)
            written.append(default_storage.save(name, ContentFile(data)))
        with transaction.atomic():
            package = H5PPackage.objects.create(
                title=(title or checked.title)[:255],
                content_hash=content_hash,
                main_library=checked.main_library,
                license=checked.license,
                authors=checked.authors,
                metadata=checked.metadata,
                file_count=len(written),
                unpacked_bytes=checked.unpacked_bytes,
                uploaded_by=uploaded_by,
            )
    except IntegrityError:
        # The same package finished uploading in another request: its files are the same.
        return H5PPackage.objects.get(content_hash=content_hash), False
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return package, True


def h5p_package_file_name(package: H5PPackage, path: str) -> str:
    """The storage name of one unpacked file of a package (path already checked by the caller)."""
    return f"{package.storage_prefix}/{path}"


def storage_files_under(prefix: str) -> list[str]:
    """Every stored file below a folder (works with any storage that implements listdir)."""
    if not default_storage.exists(prefix):
        return []
    folders, files = default_storage.listdir(prefix)
    found = [f"{prefix}/{name}" for name in files]
    for folder in folders:
        found.extend(storage_files_under(f"{prefix}/{folder}"))
    return found


def h5p_package_files_delete(sender, instance: H5PPackage, **kwargs) -> None:
    """After a package row is deleted (and committed), remove its unpacked files."""
    prefix = instance.storage_prefix

    def delete_files():
        for name in storage_files_under(prefix):
            default_storage.delete(name)

    transaction.on_commit(delete_files)
