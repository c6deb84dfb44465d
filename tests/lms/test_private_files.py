"""Private files are never public: evidence lives in the private storage and is served only
to staff in scope; the media route serves only image renditions, with DEBUG on or off; a failed
transaction leaves no file; purge_orphan_files finds and removes leftovers."""

import importlib
import io
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.urls import clear_url_caches
from django.utils import timezone
from PIL import Image

from credentials.models import AwardRequest
from credentials.services import award_request_create
from lms.storage import private_storage
from tests.credentials.conftest import png_upload
from tests.credentials.factories import IndustryAchievementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def industry(db):
    return IndustryAchievementFactory()


def record(case_manager, participant, achievement, upload=None):
    return award_request_create(
        actor=case_manager,
        participant=participant,
        achievement=achievement,
        certificate_number="FL-1",
        earned_on=timezone.localdate(),
        evidence=upload or png_upload(),
    )


def private_names():
    from lms.orphans import files_under

    return set(files_under(storages["private"], "credentials"))


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def urls(request, settings):
    """The site's URL configuration as built with DEBUG off and on."""
    settings.DEBUG = request.param
    import lms.urls

    importlib.reload(lms.urls)
    clear_url_caches()
    yield request.param
    settings.DEBUG = False
    importlib.reload(lms.urls)
    clear_url_caches()


# --- storage ----------------------------------------------------------------------------------


def test_evidence_is_stored_privately_outside_media(case_manager, participant, industry, settings):
    award = record(case_manager, participant, industry)
    assert award.evidence.storage is private_storage()
    assert award.evidence.name.startswith("credentials/evidence/")
    path = award.evidence.path
    assert os.path.isfile(path)
    assert not os.path.realpath(path).startswith(os.path.realpath(settings.MEDIA_ROOT))
    with pytest.raises(NotImplementedError):
        award.evidence.url  # noqa: B018


def test_media_route_serves_no_private_document_or_h5p_file(
    urls, client, client_for, case_manager, participant, industry
):
    award = record(case_manager, participant, industry)
    name = os.path.basename(award.evidence.name)
    # Files where the old layout and Django's static() route would have exposed them.
    for stored in (f"private/credentials/evidence/{name}", f"h5p/{'a' * 64}/h5p.json"):
        default_storage.save(stored, ContentFile(b"{}"))
    for path in (
        f"/media/private/credentials/evidence/{name}",
        f"/media/credentials/evidence/{name}",
        f"/media/h5p/{'a' * 64}/h5p.json",
        "/media/documents/skill-card.txt",
        "/media/original_images/photo.jpg",
    ):
        assert client.get(path).status_code == 404, path
        assert client_for(case_manager).get(path).status_code == 404, path


def test_media_route_serves_image_renditions(urls, client):
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Hard hat", file=ContentFile(buffer.getvalue(), name="hat.png")
    )
    rendition = image.get_rendition("width-20")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(rendition.url.replace(".png", ".svg")).status_code == 404


# --- serving evidence -------------------------------------------------------------------------


def test_evidence_download_is_private_and_never_rendered(
    client_for, case_manager, participant, industry
):
    award = record(case_manager, participant, industry)
    response = client_for(case_manager).get(f"/credentials/staff/requests/{award.pk}/evidence/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{award.pk}.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_evidence_is_refused_to_everyone_else(
    client, client_for, case_manager, facilitator, other_case_manager, participant, industry
):
    award = record(case_manager, participant, industry)
    url = f"/credentials/staff/requests/{award.pk}/evidence/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client_for(other_case_manager).get(url).status_code == 404
    assert client_for(participant.user).get(url).status_code == 403
    assert client_for(facilitator).get(url).status_code == 403


# --- no orphans -------------------------------------------------------------------------------


def test_failed_transaction_after_the_file_step_leaves_no_file(
    monkeypatch, case_manager, participant, industry
):
    from credentials import services

    def failing_audit(*args, **kwargs):
        raise IntegrityError("audit insert failed")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    before = private_names()
    with pytest.raises(IntegrityError):
        record(case_manager, participant, industry)
    assert private_names() == before
    assert not AwardRequest.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_transaction_failing_after_the_file_step_leaves_no_file(
    monkeypatch, case_manager, participant, industry
):
    """The database itself refuses a statement after the file was written."""
    if connection.vendor != "postgresql":
        pytest.skip("a real failing SQL statement inside a PostgreSQL transaction")
    from credentials import services

    def failing_audit(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO credentials_awardrequest (id) VALUES (NULL)")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    before = private_names()
    with pytest.raises(IntegrityError):
        record(case_manager, participant, industry)
    assert private_names() == before
    assert not AwardRequest.objects.exists()


def test_purge_orphan_files_lists_then_deletes_only_unowned_old_files(
    case_manager, participant, industry, capsys
):
    from courses.h5p.services import h5p_package_import
    from tests.courses.factories import make_zip, minimal_package_files

    kept_award = record(case_manager, participant, industry)
    package, _created = h5p_package_import(make_zip(minimal_package_files()))
    private = storages["private"]
    orphan_evidence = private.save("credentials/evidence/deadbeef.png", ContentFile(b"x"))
    orphan_package = default_storage.save(f"h5p/{'b' * 64}/h5p.json", ContentFile(b"{}"))
    legacy = default_storage.save("private/credentials/evidence/old.png", ContentFile(b"x"))
    fresh = private.save("credentials/evidence/in-flight.png", ContentFile(b"x"))
    old = (timezone.now() - timedelta(hours=2)).timestamp()
    for storage, name in (
        (private, orphan_evidence),
        (default_storage, orphan_package),
        (default_storage, legacy),
    ):
        os.utime(storage.path(name), (old, old))

    call_command("purge_orphan_files")
    listed = capsys.readouterr().out
    for name in (orphan_evidence, orphan_package, legacy):
        assert name in listed
    assert fresh not in listed and kept_award.evidence.name not in listed
    assert private.exists(orphan_evidence)  # a dry run deletes nothing

    call_command("purge_orphan_files", "--delete")
    assert not private.exists(orphan_evidence)
    assert not default_storage.exists(orphan_package)
    assert not default_storage.exists(legacy)
    assert private.exists(fresh) and private.exists(kept_award.evidence.name)
    assert default_storage.exists(f"{package.storage_prefix}/h5p.json")


def test_migration_moves_old_evidence_into_the_private_storage(
    case_manager, participant, industry, django_capture_on_commit_callbacks
):
    award = record(case_manager, participant, industry)
    name = os.path.basename(award.evidence.name)
    old = default_storage.save(f"private/credentials/evidence/{name}", ContentFile(b"%PDF-old"))
    storages["private"].delete(award.evidence.name)
    AwardRequest.objects.filter(pk=award.pk).update(evidence=old)
    migration = importlib.import_module("credentials.migrations.0003_evidence_in_private_storage")
    from django.apps import apps

    with django_capture_on_commit_callbacks(execute=True):
        migration.to_private(apps, connection.schema_editor())
    award.refresh_from_db()
    assert award.evidence.name == f"credentials/evidence/{name}"
    assert storages["private"].open(award.evidence.name).read() == b"%PDF-old"
    assert not default_storage.exists(old)
