"""Where uploaded files live, and the two rules every app follows for them.

1. Private files (credential evidence, anything about a person) go to ``STORAGES["private"]``:
   outside ``MEDIA_ROOT``, with no URL of their own on the local file system. They are handed
   out only by views that checked scope, through ``private_file_response`` (streamed from the
   storage API, so the same code works on S3).
2. Files written as part of a database change are written inside ``files_saved_with`` so that a
   failed transaction leaves none behind; ``manage.py purge_orphan_files`` finds any that a
   crash left anyway.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.http import FileResponse

PRIVATE = "private"

# Types a private file may be sent as; anything else goes out as a download of bytes.
PRIVATE_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for private files: there is no public URL to give out."""

    def url(self, name):
        raise NotImplementedError("Private files are served only by views that check scope.")


def private_storage() -> Storage:
    """The private storage (a callable, so FileFields and migrations name it, not its config)."""
    return storages[PRIVATE]


def private_file_response(field_file, download_name: str) -> FileResponse:
    """Send a private file as a download nobody caches or renders; the caller checked scope."""
    extension = download_name.rsplit(".", 1)[-1].lower() if "." in download_name else ""
    content_type = PRIVATE_TYPES.get(extension, "application/octet-stream")
    handle = field_file.storage.open(field_file.name, "rb")
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@contextmanager
def files_saved_with(*, using=None) -> Iterator["SavedFiles"]:
    """A transaction whose files exist only if it commits.

    Durable (never nested in a caller's transaction), so leaving the block without an error
    means committed; any error, the commit's included, deletes every file saved through the
    yielded ``SavedFiles`` before it propagates.
    """
    saved = SavedFiles()
    try:
        with transaction.atomic(using=using, durable=True):
            yield saved
    except BaseException:
        saved.delete_all()
        raise


class SavedFiles:
    """Files written inside ``files_saved_with``: remembered so a rollback can remove them."""

    def __init__(self):
        self.names: list[tuple[Storage, str]] = []

    def save(self, field_file, name: str, content) -> str:
        """Save ``content`` into a model's FileField (not the row) and remember the stored name."""
        field_file.save(name, content, save=False)
        self.names.append((field_file.storage, field_file.name))
        return field_file.name

    def delete_all(self) -> None:
        for storage, name in self.names:
            storage.delete(name)
        self.names.clear()
