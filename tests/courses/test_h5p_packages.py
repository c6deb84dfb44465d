"""H5P uploads: every real sample imports; crafted bad packages are refused, nothing left behind."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from courses.h5p.checks import H5PPackageError
from courses.h5p.services import h5p_package_import
from courses.models import H5PPackage

from .factories import make_zip, minimal_package_files

pytestmark = pytest.mark.django_db


def stored_files(prefix="h5p"):
    found = []

    def walk(path):
        if not default_storage.exists(path):
            return
        dirs, files = default_storage.listdir(path)
        found.extend(f"{path}/{f}" for f in files)
        for d in dirs:
            walk(f"{path}/{d}")

    walk(prefix)
    return found


def refused(upload, code):
    before = set(stored_files())
    with pytest.raises(H5PPackageError) as caught:
        h5p_package_import(upload)
    assert caught.value.code == code, caught.value.messages
    assert set(stored_files()) == before
    assert not H5PPackage.objects.exists()
    return caught.value


def test_every_sample_package_imports_and_records_its_metadata(h5p_samples):
    samples = sorted(h5p_samples.glob("*.h5p"))
    assert samples
    for path in samples:
        with path.open("rb") as upload:
            package, created = h5p_package_import(upload)
        assert created, path.name
        metadata = json.loads(zipfile.ZipFile(path).read("h5p.json"))
        assert package.title == metadata["title"]
        assert package.main_library == metadata["mainLibrary"]
        assert package.license == metadata.get("license", "")
        assert default_storage.exists(f"{package.storage_prefix}/h5p.json")
        assert default_storage.exists(f"{package.storage_prefix}/content/content.json")
    assert H5PPackage.objects.count() == len(samples)


def test_same_package_twice_is_one_record(h5p_samples):
    path = h5p_samples / "truefalse.h5p"
    with path.open("rb") as upload:
        first, created = h5p_package_import(upload)
    with path.open("rb") as upload:
        second, created_again = h5p_package_import(upload, title="Another title")
    assert created and not created_again
    assert first.pk == second.pk
    assert H5PPackage.objects.count() == 1


def test_valid_minimal_package_records_title_license_and_authors():
    package, created = h5p_package_import(make_zip(minimal_package_files()))
    assert created
    assert (package.title, package.main_library, package.license) == (
        "Tiny question",
        "H5P.Tiny",
        "CC BY",
    )
    assert package.authors == ["Test Author"]
    assert default_storage.exists(f"{package.storage_prefix}/H5P.Tiny-1.0/tiny.js")


def test_zip_slip_is_refused():
    refused(make_zip(minimal_package_files(**{"../../evil.js": "x"})), "unsafe_path")


def test_nested_parent_path_is_refused():
    refused(make_zip(minimal_package_files(**{"content/../../x.json": "{}"})), "unsafe_path")


def test_absolute_path_is_refused():
    refused(make_zip(minimal_package_files(**{"/etc/cron.d/x.json": "{}"})), "unsafe_path")


def test_backslash_path_is_refused():
    refused(make_zip(minimal_package_files(**{"content\\..\\x.json": "{}"})), "unsafe_path")


def test_symlink_is_refused():
    files = minimal_package_files(**{"content/link.json": "/etc/passwd"})
    refused(make_zip(files, symlinks={"content/link.json"}), "symlink")


@pytest.mark.parametrize("name", ["H5P.Tiny-1.0/setup.exe", "H5P.Tiny-1.0/page.html"])
def test_disallowed_library_file_is_refused(name):
    refused(make_zip(minimal_package_files(**{name: "x"})), "disallowed_extension")


def test_zip_bomb_declared_size_is_refused(settings):
    settings.COURSES_H5P_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = b"\0" * (2 * 1024 * 1024)  # compresses to a few kB
    upload = make_zip(minimal_package_files(**{"content/bomb.json": bomb}))
    assert len(upload.getvalue()) < 50 * 1024
    refused(upload, "unpacked_too_large")


def test_zip_bomb_lying_about_its_size_is_stopped_while_unpacking():
    """A member whose header understates its size is cut off at the declared size."""
    files = minimal_package_files(**{"content/big.json": b"\0" * 200_000})
    raw = bytearray(make_zip(files).getvalue())
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    info = archive.getinfo("content/big.json")
    # Patch the uncompressed size in the central directory (4 bytes at offset 24 of the entry).
    offset = bytes(raw).find(info.filename.encode(), archive.start_dir) - 46
    assert raw[offset : offset + 4] == b"PK\x01\x02"
    raw[offset + 24 : offset + 28] = (100).to_bytes(4, "little")
    refused(io.BytesIO(bytes(raw)), "bad_zip")


def test_too_many_files_is_refused(settings):
    settings.COURSES_H5P_MAX_FILES = 5
    extra = {f"content/{i}.json": "{}" for i in range(10)}
    refused(make_zip(minimal_package_files(**extra)), "too_many_files")


def test_archive_too_large_is_refused(settings):
    settings.COURSES_H5P_MAX_ARCHIVE_BYTES = 100
    refused(make_zip(minimal_package_files()), "archive_too_large")


def test_missing_h5p_json_is_refused():
    refused(make_zip(minimal_package_files(**{"h5p.json": None})), "missing_h5p_json")


def test_unparseable_h5p_json_is_refused():
    refused(make_zip(minimal_package_files(**{"h5p.json": "{not json"})), "invalid_json")


def test_missing_library_is_refused():
    files = minimal_package_files()
    del files["H5P.Tiny-1.0/library.json"]
    del files["H5P.Tiny-1.0/tiny.js"]
    refused(make_zip(files), "missing_library")


def test_missing_nested_dependency_is_refused():
    library = json.loads(minimal_package_files()["H5P.Tiny-1.0/library.json"])
    library["preloadedDependencies"] = [
        {"machineName": "H5P.JoubelUI", "majorVersion": 1, "minorVersion": 3}
    ]
    error = refused(
        make_zip(minimal_package_files(**{"H5P.Tiny-1.0/library.json": json.dumps(library)})),
        "missing_library",
    )
    assert "H5P.JoubelUI-1.3" in error.messages[0]


def test_library_missing_its_script_is_refused():
    refused(
        make_zip(minimal_package_files(**{"H5P.Tiny-1.0/tiny.js": None})), "missing_library_file"
    )


def test_not_a_zip_is_refused():
    refused(io.BytesIO(b"<?php system($_GET['c']); ?>"), "not_zip")


def test_failure_while_unpacking_removes_what_was_written(monkeypatch):
    from courses.h5p import services

    calls = {"n": 0}
    real_read = services.read_member

    def failing_read(archive, info, budget):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real_read(archive, info, budget)

    monkeypatch.setattr(services, "read_member", failing_read)
    before = set(stored_files())
    with pytest.raises(OSError):
        h5p_package_import(make_zip(minimal_package_files(**{"content/unique.json": "{}"})))
    assert calls["n"] == 3
    assert set(stored_files()) == before
    assert not H5PPackage.objects.exists()


def test_import_command_prints_the_id(tmp_path, capsys):
    path = tmp_path / "tiny.h5p"
    path.write_bytes(make_zip(minimal_package_files()).getvalue())
    call_command("import_h5p", str(path), "--title", "My title")
    package = H5PPackage.objects.get()
    assert capsys.readouterr().out.strip() == str(package.pk)
    assert package.title == "My title"


def test_import_command_reports_a_bad_package(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "bad.h5p"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not_zip"):
        call_command("import_h5p", str(path))


def test_deleting_a_package_removes_its_files(django_capture_on_commit_callbacks):
    package, _created = h5p_package_import(
        make_zip(minimal_package_files(**{"content/only-here.json": "{}"}))
    )
    prefix = package.storage_prefix
    assert default_storage.exists(f"{prefix}/content/only-here.json")
    with django_capture_on_commit_callbacks(execute=True):
        package.delete()
    assert stored_files(prefix) == []
