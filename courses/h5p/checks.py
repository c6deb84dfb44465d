"""Check an uploaded .h5p archive before a single file is unpacked.

Every refusal is an ``H5PPackageError`` with a stable ``code`` and a translated message.
"""

import json
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from courses.app_settings import app_settings

LIBRARY_FOLDER = re.compile(r"^[A-Za-z0-9._-]+-\d+\.\d+$")


class H5PPackageError(ValidationError):
    """A package that cannot be accepted; ``code`` says why."""


@dataclass
class CheckedPackage:
    """What the checks learned: the files to unpack and the package's metadata."""

    members: list[zipfile.ZipInfo]
    metadata: dict
    libraries: list[str] = field(default_factory=list)
    unpacked_bytes: int = 0

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))[:255]

    @property
    def main_library(self) -> str:
        return str(self.metadata.get("mainLibrary", ""))[:255]

    @property
    def license(self) -> str:
        return str(self.metadata.get("license", ""))[:32]

    @property
    def authors(self) -> list[str]:
        authors = self.metadata.get("authors") or []
        if not isinstance(authors, list):
            return []
        return [str(a.get("name", ""))[:200] for a in authors if isinstance(a, dict)]


def is_skipped(name: str) -> bool:
    """Hidden and '_' files (e.g. __MACOSX/) are ignored, as H5P core does."""
    return any(part.startswith((".", "_")) for part in name.split("/") if part)


def check_member_path(info: zipfile.ZipInfo) -> None:
    name = info.filename
    unsafe = (
        name.startswith("/")
        or "\\" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or any(part == ".." for part in name.split("/"))
        or "\x00" in name
    )
    if unsafe or posixpath.normpath(name).startswith(".."):
        raise H5PPackageError(
            _("The package contains an unsafe file path: %(name)s") % {"name": name[:200]},
            code="unsafe_path",
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise H5PPackageError(
            _("The package contains a symbolic link: %(name)s") % {"name": name[:200]},
            code="symlink",
        )


def check_extension(name: str) -> None:
    base = name.rsplit("/", 1)[-1]
    extension = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if extension not in app_settings.H5P_ALLOWED_EXTENSIONS:
        raise H5PPackageError(
            _("Files of this type are not allowed in an H5P package: %(name)s")
            % {"name": name[:200]},
            code="disallowed_extension",
        )


def read_json(archive: zipfile.ZipFile, name: str, missing_code: str) -> dict:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise H5PPackageError(
            _("The package has no %(name)s file.") % {"name": name}, code=missing_code
        ) from None
    if info.file_size > 5 * 1024 * 1024:
        raise H5PPackageError(_("%(name)s is too large.") % {"name": name}, code="json_too_large")
    try:
        data = json.loads(archive.read(info).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise H5PPackageError(
            _("%(name)s is not valid JSON.") % {"name": name}, code="invalid_json"
        ) from exc
    if not isinstance(data, dict):
        raise H5PPackageError(
            _("%(name)s is not valid JSON.") % {"name": name}, code="invalid_json"
        )
    return data


def library_folder(dependency) -> str:
    try:
        return "{}-{}.{}".format(
            dependency["machineName"],
            int(dependency["majorVersion"]),
            int(dependency["minorVersion"]),
        )
    except (KeyError, TypeError, ValueError):
        raise H5PPackageError(
            _("A library dependency is incomplete: %(dep)s") % {"dep": str(dependency)[:200]},
            code="invalid_dependency",
        ) from None


def check_libraries(archive: zipfile.ZipFile, metadata: dict, names: set[str]) -> list[str]:
    """Follow preloaded (and dynamic) dependencies through each library.json."""
    dependencies = metadata.get("preloadedDependencies")
    if not isinstance(dependencies, list) or not dependencies:
        raise H5PPackageError(
            _("h5p.json lists no preloaded libraries."), code="missing_dependencies"
        )
    main = metadata.get("mainLibrary")
    if not isinstance(main, str) or not main:
        raise H5PPackageError(_("h5p.json names no main library."), code="missing_main_library")
    if main not in {d.get("machineName") for d in dependencies if isinstance(d, dict)}:
        raise H5PPackageError(
            _("The main library %(name)s is not among the package's libraries.") % {"name": main},
            code="missing_library",
        )
    seen: list[str] = []
    queue = list(dependencies)
    while queue:
        folder = library_folder(queue.pop())
        if folder in seen:
            continue
        if not LIBRARY_FOLDER.match(folder) or f"{folder}/library.json" not in names:
            raise H5PPackageError(
                _("The library %(name)s is missing from the package.") % {"name": folder},
                code="missing_library",
            )
        seen.append(folder)
        library = read_json(archive, f"{folder}/library.json", "missing_library")
        for key in ("preloadedDependencies", "dynamicDependencies"):
            extra = library.get(key) or []
            if isinstance(extra, list):
                queue.extend(extra)
        for key in ("preloadedJs", "preloadedCss"):
            for item in library.get(key) or []:
                path = f"{folder}/{item.get('path', '') if isinstance(item, dict) else ''}"
                if path not in names:
                    raise H5PPackageError(
                        _("The library %(name)s is missing its file %(path)s.")
                        % {"name": folder, "path": path[:200]},
                        code="missing_library_file",
                    )
    return seen


def check_package(upload) -> CheckedPackage:
    """Run every check on a file-like upload; raise H5PPackageError on the first failure."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    upload.seek(0)
    if size > app_settings.H5P_MAX_ARCHIVE_BYTES:
        raise H5PPackageError(
            _("The package is larger than %(mb)s MB.")
            % {"mb": app_settings.H5P_MAX_ARCHIVE_BYTES // (1024 * 1024)},
            code="archive_too_large",
        )
    if not zipfile.is_zipfile(upload):
        raise H5PPackageError(
            _("This file is not an H5P package (not a zip file)."), code="not_zip"
        )
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise H5PPackageError(_("This zip file is damaged."), code="bad_zip") from exc
    if len(infos) > app_settings.H5P_MAX_FILES:
        raise H5PPackageError(
            _("The package holds more than %(count)s files.")
            % {"count": app_settings.H5P_MAX_FILES},
            code="too_many_files",
        )
    members = []
    total = 0
    for info in infos:
        check_member_path(info)
        if info.is_dir() or is_skipped(info.filename):
            continue
        check_extension(info.filename)
        if info.flag_bits & 0x1:
            raise H5PPackageError(_("Encrypted packages are not accepted."), code="encrypted")
        total += info.file_size
        members.append(info)
    if total > app_settings.H5P_MAX_UNPACKED_BYTES:
        raise H5PPackageError(
            _("Unpacked, the package would be larger than %(mb)s MB.")
            % {"mb": app_settings.H5P_MAX_UNPACKED_BYTES // (1024 * 1024)},
            code="unpacked_too_large",
        )
    names = {info.filename for info in members}
    metadata = read_json(archive, "h5p.json", "missing_h5p_json")
    if not str(metadata.get("title", "")).strip():
        raise H5PPackageError(_("h5p.json has no title."), code="missing_title")
    read_json(archive, "content/content.json", "missing_content")
    libraries = check_libraries(archive, metadata, names)
    return CheckedPackage(
        members=members, metadata=metadata, libraries=libraries, unpacked_bytes=total
    )
