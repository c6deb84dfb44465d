"""Find stored files that no row owns any more (a crash between writing a file and committing
its row, a package folder whose row is gone). ``manage.py purge_orphan_files`` reports them and,
with ``--delete``, removes them.

Each app says which files it owns through the ``stored_file_owners`` hook (in its
``wagtail_hooks.py``): ``fn() -> list[FileOwner]``. Only folders some owner claims are scanned.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.storage import storages
from django.utils import timezone
from wagtail import hooks

OWNERS_HOOK = "stored_file_owners"
BATCH = 500


@dataclass(frozen=True)
class FileOwner:
    """Files under ``prefix`` of ``STORAGES[alias]``; ``kept(names)`` returns those still owned."""

    label: str
    alias: str
    prefix: str
    kept: Callable[[list[str]], set[str]]


@dataclass(frozen=True)
class Orphan:
    label: str
    alias: str
    name: str
    size: int


def field_owner(label: str, alias: str, prefix: str, model, field: str) -> FileOwner:
    """Files owned by a model's FileField: kept while some row names them."""

    def kept(names: list[str]) -> set[str]:
        return set(model.objects.filter(**{f"{field}__in": names}).values_list(field, flat=True))

    return FileOwner(label, alias, prefix, kept)


def owners() -> list[FileOwner]:
    found = []
    for fn in hooks.get_hooks(OWNERS_HOOK):
        found.extend(fn() or [])
    return found


def files_under(storage, prefix: str) -> Iterator[str]:
    """Every file below a folder, with any storage that implements listdir (local, S3)."""
    if not storage.exists(prefix):
        return
    folders, files = storage.listdir(prefix)
    for name in files:
        yield f"{prefix}/{name}"
    for folder in folders:
        yield from files_under(storage, f"{prefix}/{folder}")


def find_orphans(*, min_age: timedelta = timedelta(hours=1)) -> Iterator[Orphan]:
    """Unowned files older than ``min_age`` (younger ones may belong to an open transaction)."""
    cutoff = timezone.now() - min_age
    for owner in owners():
        storage = storages[owner.alias]
        for batch in _batches(files_under(storage, owner.prefix.rstrip("/"))):
            kept = owner.kept(batch)
            for name in batch:
                if name in kept or storage.get_modified_time(name) > cutoff:
                    continue
                yield Orphan(owner.label, owner.alias, name, storage.size(name))


def _batches(names: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for name in names:
        batch.append(name)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def delete_orphan(orphan: Orphan) -> None:
    storages[orphan.alias].delete(orphan.name)
