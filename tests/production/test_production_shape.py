"""Two app servers, one PostgreSQL, Redis and an S3-compatible server, as production runs.

Production settings and gunicorn, media on an S3 server (moto's server mode) in a bucket the
test creates, static files from one `make static` build, Redis (database 8) behind a proxy
the test can close. A person signs in on one server and carries on on the other; an editor
uploads an H5P package through one and it plays from the other; a credential recorded on
one is approved and verified on the other; then Redis goes away and comes back empty.
"""

import hashlib
import io
import json
import logging
import re
import time
import zipfile
from datetime import date

import boto3
import pytest
import redis

from lms.people.models import Organization
from lms.people.roles import Role
from tests.courses.factories import make_zip, minimal_package_files, samples_dir
from tests.credentials.factories import IndustryAchievementFactory
from tests.factories import (
    TEST_PASSWORD,
    TEST_TOTP_SECRET,
    OrganizationFactory,
    ParticipantFactory,
    UserFactory,
)

from . import stack
from .conftest import REDIS_PORT, production_env, with_production_password

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUCKET = "sector-shape-media"
REDIS_DB = 8


@pytest.fixture
def s3_server():
    """moto's S3 in server mode (from PyPI): nothing else needs to be installed."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="shape-test",
        aws_secret_access_key="shape-test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
def people(db):
    county = Organization.objects.get(slug="county")
    org = OrganizationFactory(name="North Partner", slug="north")
    editor = UserFactory(
        username="shape.editor",
        role=Role.PROGRAM_ADMIN,
        organization=county,
        is_superuser=True,
    )
    coach = UserFactory(username="shape.coach", role=Role.CASE_MANAGER, organization=org)
    admin = UserFactory(username="shape.admin", role=Role.PARTNER_ADMIN, organization=org)
    participant = ParticipantFactory(
        organization=org, case_manager=coach, preferred_name="Alex", user__username="shape.alex"
    )
    with_production_password(editor, coach, admin, participant.user)
    achievement = IndustryAchievementFactory(name="OSHA 10-Hour Construction", slug="osha-10")
    return {
        "editor": editor,
        "coach": coach,
        "admin": admin,
        "participant": participant,
        "achievement": achievement,
    }


def h5p_archive() -> bytes:
    sample = samples_dir() / "truefalse.h5p"
    if sample.exists():
        return sample.read_bytes()
    return make_zip(minimal_package_files()).getvalue()


def sql(database_url: str, query: str, *params):
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(query, params).fetchall()


def signed_in_page(visitor, server, path="/staff/") -> bool:
    response = visitor.get(server, path)
    return response.status_code == 200 and "/accounts/logout/" in response.text


def test_two_servers_share_sessions_media_credentials_and_survive_redis(
    people, server_database, servers, s3_server, static_root, redis_server, tmp_path
):
    endpoint, s3 = s3_server
    database_url = server_database()
    redis_proxy = stack.TcpProxy(REDIS_PORT).open()
    redis.Redis(port=REDIS_PORT, db=REDIS_DB).flushdb()
    media = {name: tmp_path / f"media-{name}" for name in ("a", "b")}
    env = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "shape-test",
        "AWS_SECRET_ACCESS_KEY": "shape-test-secret",
        "CACHE_FALLBACK_RETRY_SECONDS": "1",
    }
    redis_url = f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}"
    try:
        a, b = servers(
            {
                name: {
                    **production_env(
                        database_url=database_url,
                        redis_url=redis_url,
                        static_root=static_root,
                        media_root=media[name],
                    ),
                    **env,
                }
                for name in ("a", "b")
            }
        )
        editor = stack.Visitor()

        # --- a session made on one server is honoured by the other ---------------------------
        editor.sign_in(a, "shape.editor", TEST_PASSWORD, TEST_TOTP_SECRET)
        assert signed_in_page(editor, b), "signed in on A, but B does not know the session"
        assert {"sessionid", "csrftoken"} <= editor.cookies_seen.keys()
        assert all(editor.cookies_seen.values()), f"cookies not Secure: {editor.cookies_seen}"

        # --- static files: one build, hashed names, served by both with long lifetimes -------
        home = editor.get(b, "/staff/").text
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        assert css, "pages link the hashed static file from the manifest"
        for server in (a, b):
            response = editor.get(server, css.group(1))
            assert response.status_code == 200
            assert "immutable" in response.headers["Cache-Control"]

        # --- H5P: uploaded through A's admin, stored in S3, played from B -------------------
        archive = h5p_archive()
        content_hash = hashlib.sha256(archive).hexdigest()
        add = "/cms/snippets/courses/h5ppackage/add/"
        response = editor.submit(
            a,
            add,
            {"title": "Shape check"},
            files={"package": ("package.h5p", archive, "application/zip")},
        )
        assert response.status_code == 302, response.text[:3000]
        (package_id, file_count), *_ = sql(
            database_url,
            "SELECT id, file_count FROM courses_h5ppackage WHERE content_hash = %s",
            content_hash,
        )
        stored = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"media/h5p/{content_hash}/")
        assert stored["KeyCount"] == file_count > 0

        player = editor.get(b, f"/courses/h5p/{package_id}/player/")
        assert player.status_code == 200
        assert f"/courses/h5p/files/{content_hash}" in player.text
        members = zipfile.ZipFile(io.BytesIO(archive))
        h5p_json = editor.get(b, f"/courses/h5p/files/{content_hash}/h5p.json")
        assert h5p_json.status_code == 200
        assert h5p_json.content == members.read("h5p.json")
        assert h5p_json.headers["Content-Type"] == "application/json"
        assert h5p_json.headers["X-Content-Type-Options"] == "nosniff"
        content = members.read("content/content.json")
        part = editor.get(
            a,
            f"/courses/h5p/files/{content_hash}/content/content.json",
            headers={"Range": "bytes=2-11"},
        )
        assert part.status_code == 206
        assert part.content == content[2:12]
        assert part.headers["Content-Range"] == f"bytes 2-11/{len(content)}"

        # --- a credential recorded on A, approved on B, verified on both ---------------------
        coach, admin = stack.Visitor(), stack.Visitor()
        coach.sign_in(a, "shape.coach", TEST_PASSWORD, TEST_TOTP_SECRET)
        admin.sign_in(b, "shape.admin", TEST_PASSWORD, TEST_TOTP_SECRET)
        participant = people["participant"]
        evidence = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
        award = f"/credentials/staff/participants/{participant.pk}/award/"
        response = coach.submit(
            a,
            award,
            {
                "achievement": people["achievement"].pk,
                "certificate_number": "OSHA-2026-17",
                "earned_on": date(2026, 1, 5).isoformat(),
            },
            files={"evidence": ("certificate.pdf", evidence, "application/pdf")},
        )
        assert response.status_code == 302, response.text[:3000]
        ((request_id,),) = sql(database_url, "SELECT id FROM credentials_awardrequest")
        download = admin.get(b, f"/credentials/staff/requests/{request_id}/evidence/")
        assert download.status_code == 200 and download.content == evidence
        response = admin.submit(
            b,
            f"/credentials/staff/requests/{request_id}/decide/",
            {"decision": "approve"},
            form_path="/credentials/staff/",
        )
        assert response.status_code == 302
        ((public_id, signed_json),) = sql(
            database_url, "SELECT public_id, signed_json FROM credentials_credential"
        )
        employer = stack.Visitor()
        for server in (a, b):
            page = employer.get(server, f"/credentials/c/{public_id}")
            assert page.status_code == 200
            assert 'data-status="verified"' in page.text
        assert json.loads(employer.get(a, f"/credentials/c/{public_id}.json").content) == (
            json.loads(signed_json)
        )
        badge = employer.get(b, f"/credentials/c/{public_id}.png")
        assert badge.status_code == 200 and badge.content[:8] == b"\x89PNG\r\n\x1a\n"
        verified = employer.submit(
            b,
            "/credentials/verify/",
            files={"file": ("credential.json", signed_json.encode(), "application/json")},
        )
        assert 'data-status="verified"' in verified.text

        # Nothing was written to either server's disk: media live in the bucket.
        assert not any(path.is_file() for folder in media.values() for path in folder.rglob("*"))
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        assert any(key.endswith(".pdf") for key in keys), keys

        # --- Redis goes away: pages answer, nobody is signed out, limits still limit --------
        redis_proxy.close()
        started = time.monotonic()
        for server in (a, b):
            assert signed_in_page(editor, server), f"{server.name} signed the editor out"
            assert signed_in_page(coach, server)
        assert time.monotonic() - started < 10, "an unreachable Redis must not slow pages"
        alex = stack.Visitor()
        alex.sign_in(b, "shape.alex", TEST_PASSWORD)  # signing in needs no Redis either
        assert signed_in_page(alex, a, "/me/")
        badge = employer.get(a, f"/credentials/c/{public_id}.png")
        assert badge.status_code == 200 and badge.content[:8] == b"\x89PNG\r\n\x1a\n"
        health = employer.get(a, "/healthz")
        assert health.status_code == 200 and health.json()["cache"] == "degraded"

        intruder = stack.Visitor()
        guess = {"login": "shape.alex", "password": "not-the-password"}
        for _attempt in range(5):
            refused = intruder.submit(a, "/accounts/login/", guess)
            assert refused.status_code == 200 and "Too many" not in refused.text
        limited = intruder.submit(a, "/accounts/login/", {**guess, "password": TEST_PASSWORD})
        assert "Too many failed login attempts" in limited.text

        # --- Redis is back, empty (a restart): still nobody signed out ----------------------
        redis.Redis(port=REDIS_PORT, db=REDIS_DB).flushdb()
        redis_proxy.open()
        stack.wait_for(
            lambda: all(employer.get(s, "/healthz").json()["cache"] == "ok" for s in (a, b)),
            timeout=10,
            message="the servers did not go back to Redis",
            interval=0.3,
        )
        for visitor, path in ((editor, "/staff/"), (coach, "/staff/"), (alex, "/me/")):
            for server in (a, b):
                assert signed_in_page(visitor, server, path)
    finally:
        redis_proxy.close()
        redis.Redis(port=REDIS_PORT, db=REDIS_DB).flushdb()
