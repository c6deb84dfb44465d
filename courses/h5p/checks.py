"""Check an uploaded .h5p archive before a single file is unpacked.

The rules are H5P core's (h5p-php-library ``H5PValidator``, 2024): the content whitelist for
``content/``, the library whitelist (plus js, css, svg, xml) for library folders, every library
folder named ``machineName-major.minor`` after its ``library.json``, ``h5p.json`` and each
``library.json`` valid against core's schemas, preloaded files present. Editor dependencies are
not required: the site only plays packages. Every refusal is an ``H5PPackageError`` with a
stable ``code`` and a translated message.
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

from . import rules
from .svg import UnsafeSvg, sanitize_svg

# The newest H5P core API this player offers (h5p-php-library H5PCore::$coreApi).
CORE_API = (1, 27)


class H5PPackageError(ValidationError):
    """A package that cannot be accepted; ``code`` says why."""


@dataclass
class CheckedPackage:
    """What the checks learned: the files to unpack and the package's metadata."""

    members: list[zipfile.ZipInfo]
    metadata: dict
    libraries: list[str] = field(default_factory=list)
    unpacked_bytes: int = 0
    # Stored names (see member_name) of files whose bytes were rewritten (sanitized SVG).
    replacements: dict[str, bytes] = field(default_factory=dict)

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


def member_name(info: zipfile.ZipInfo) -> str:
    """The file's name as the package means it.

    Zips written without the UTF-8 flag (PHP's ZipArchive among them) still hold UTF-8 names;
    Python would read them as CP437, so accented names are decoded again as UTF-8 when they can
    be. This is also the storage key under the package's folder.
    """
    if info.flag_bits & 0x800:
        return info.orig_filename
    try:
        return info.orig_filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.orig_filename


def is_skipped(name: str) -> bool:
    """Hidden and '_' files (e.g. __MACOSX/) are ignored, as H5P core does."""
    return any(part.startswith((".", "_")) for part in name.split("/") if part)


def is_content(name: str) -> bool:
    return name.split("/", 1)[0].lower() == "content" and "/" in name


def check_member_path(info: zipfile.ZipInfo, name: str) -> None:
    unsafe = (
        name.startswith("/")
        or "\\" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or any(part == ".." for part in name.split("/"))
        or "\x00" in info.orig_filename
        or any(ord(char) < 32 or ord(char) == 127 for char in name)
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


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def check_extension(name: str) -> None:
    """Content files use core's content whitelist; library folders may add js, css, svg, xml."""
    extension = extension_of(name)
    if is_content(name):
        allowed = app_settings.H5P_CONTENT_EXTENSIONS
        if extension == "svg" and app_settings.H5P_SANITIZE_CONTENT_SVG:
            return  # rebuilt passive before anything is stored (sanitized_content_svgs)
        if extension in allowed:
            return
        raise H5PPackageError(
            _("H5P does not accept %(type)s files in the content folder: %(name)s")
            % {"type": f".{extension}" if extension else _("extensionless"), "name": name[:200]},
            code="disallowed_content_file",
        )
    if extension not in app_settings.H5P_LIBRARY_EXTENSIONS:
        raise H5PPackageError(
            _("Files of this type are not allowed in an H5P package: %(name)s")
            % {"name": name[:200]},
            code="disallowed_extension",
        )


def read_json(archive: zipfile.ZipFile, members: dict, name: str, missing_code: str):
    info = members.get(name)
    if info is None:
        raise H5PPackageError(
            _("The package has no %(name)s file.") % {"name": name}, code=missing_code
        )
    if info.file_size > 5 * 1024 * 1024:
        raise H5PPackageError(_("%(name)s is too large.") % {"name": name}, code="json_too_large")
    try:
        data = json.loads(archive.read(info).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, RecursionError) as exc:
        raise H5PPackageError(
            _("%(name)s is not valid JSON.") % {"name": name}, code="invalid_json"
        ) from exc
    return data


def read_json_object(archive, members, name, missing_code) -> dict:
    data = read_json(archive, members, name, missing_code)
    if not isinstance(data, dict):
        raise H5PPackageError(
            _("%(name)s is not valid JSON.") % {"name": name}, code="invalid_json"
        )
    return data


def library_key(dependency: dict) -> str:
    """Core's ``machineName-major.minor`` (also the folder name), from checked data."""
    return "{}-{}.{}".format(
        dependency["machineName"], int(dependency["majorVersion"]), int(dependency["minorVersion"])
    )


def check_rules(data: dict, required: dict, optional: dict, where: str, code: str) -> None:
    found = rules.problems(data, required, optional, where)
    if found:
        raise H5PPackageError(found[0], code=code)


def check_library(archive, members: dict, folder: str) -> dict:
    """One library folder: library.json by core's rules, its name, its files and languages."""
    where = f"{folder}/library.json"
    library = read_json_object(archive, members, where, "missing_library_json")
    check_rules(library, rules.LIBRARY_REQUIRED, rules.LIBRARY_OPTIONAL, where, "invalid_library")
    expected = library_key(library)
    if folder != expected:
        raise H5PPackageError(
            _(
                "The library folder %(folder)s does not match its library.json, which names "
                "%(expected)s: a library folder must be named machineName-major.minor."
            )
            % {"folder": folder[:200], "expected": expected[:200]},
            code="library_folder_mismatch",
        )
    for key in ("preloadedJs", "preloadedCss"):
        for item in library.get(key) or []:
            path = f"{folder}/{item['path'].replace(chr(92), '/').lstrip('/')}"
            if path not in members:
                raise H5PPackageError(
                    _("The library %(name)s is missing its file %(path)s.")
                    % {"name": folder, "path": path[:200]},
                    code="missing_library_file",
                )
    if f"{folder}/semantics.json" in members:
        try:
            read_json(archive, members, f"{folder}/semantics.json", "invalid_semantics")
        except H5PPackageError as exc:
            raise H5PPackageError(
                _("The library %(name)s has an invalid semantics.json.") % {"name": folder},
                code="invalid_semantics",
            ) from exc
    for name in members:
        if name.startswith(f"{folder}/language/") and name.count("/") == 2:
            base = name.rsplit("/", 1)[-1]
            if not rules.LANGUAGE_FILE.fullmatch(base):
                raise H5PPackageError(
                    _("The library %(name)s has an invalid language file %(file)s.")
                    % {"name": folder, "file": base[:100]},
                    code="invalid_language_file",
                )
            try:
                read_json(archive, members, name, "invalid_language_file")
            except H5PPackageError as exc:
                raise H5PPackageError(
                    _("The library %(name)s has an invalid language file %(file)s.")
                    % {"name": folder, "file": base[:100]},
                    code="invalid_language_file",
                ) from exc
    core_api = library.get("coreApi")
    if isinstance(core_api, dict):
        wanted = (int(core_api["majorVersion"]), int(core_api["minorVersion"]))
        if wanted > CORE_API:
            raise H5PPackageError(
                _("The library %(name)s needs a newer H5P player (core API %(wanted)s).")
                % {"name": folder, "wanted": "{}.{}".format(*wanted)},
                code="unsupported_core_api",
            )
    return library


def check_libraries(archive, metadata: dict, members: dict) -> list[str]:
    """Check every library folder, then that every preloaded and dynamic dependency is here."""
    main = metadata["mainLibrary"]
    if main not in {d["machineName"] for d in metadata["preloadedDependencies"]}:
        raise H5PPackageError(
            _("The main library %(name)s is not among the package's libraries.") % {"name": main},
            code="missing_library",
        )
    folders = sorted(
        {name.split("/", 1)[0] for name in members if "/" in name and not is_content(name)}
    )
    libraries = {folder: check_library(archive, members, folder) for folder in folders}
    seen: list[str] = []
    queue = [
        *metadata["preloadedDependencies"],
        *(metadata.get("dynamicDependencies") or []),
    ]
    while queue:
        key = library_key(queue.pop())
        if key in seen:
            continue
        if key not in libraries:
            raise H5PPackageError(
                _("The library %(name)s is missing from the package.") % {"name": key},
                code="missing_library",
            )
        seen.append(key)
        for field_name in ("preloadedDependencies", "dynamicDependencies"):
            queue.extend(libraries[key].get(field_name) or [])
    return seen


def sanitized_content_svgs(archive, members: dict) -> dict[str, bytes]:
    """Rebuild every SVG in content/ passive; refuse the package if one cannot be read."""
    found = {}
    for name, info in members.items():
        if is_content(name) and extension_of(name) == "svg":
            try:
                found[name] = sanitize_svg(archive.read(info))
            except UnsafeSvg as exc:
                raise H5PPackageError(
                    _("The image %(name)s is not a valid SVG file.") % {"name": name[:200]},
                    code="invalid_svg",
                ) from exc
    return found


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
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = member_name(info)
        check_member_path(info, name)
        if info.is_dir() or is_skipped(name):
            continue
        if info.flag_bits & 0x1:
            raise H5PPackageError(_("Encrypted packages are not accepted."), code="encrypted")
        total += info.file_size
        if "/" not in name and name != "h5p.json":
            continue  # other files at the root are neither content nor library: core skips them
        check_extension(name)
        if name in members:
            raise H5PPackageError(
                _("The package holds the file %(name)s twice.") % {"name": name[:200]},
                code="duplicate_file",
            )
        members[name] = info
    if total > app_settings.H5P_MAX_UNPACKED_BYTES:
        raise H5PPackageError(
            _("Unpacked, the package would be larger than %(mb)s MB.")
            % {"mb": app_settings.H5P_MAX_UNPACKED_BYTES // (1024 * 1024)},
            code="unpacked_too_large",
        )
    metadata = read_json_object(archive, members, "h5p.json", "missing_h5p_json")
    check_rules(metadata, rules.H5P_REQUIRED, rules.H5P_OPTIONAL, "h5p.json", "invalid_h5p_json")
    read_json(archive, members, "content/content.json", "missing_content")
    libraries = check_libraries(archive, metadata, members)
    return CheckedPackage(
        members=list(members.values()),
        metadata=metadata,
        libraries=libraries,
        unpacked_bytes=total,
        replacements=sanitized_content_svgs(archive, members),
    )
