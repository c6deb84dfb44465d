"""Production settings read from documented variables: S3 per alias, database faults, cache."""

import runpy
from urllib.parse import parse_qs, urlsplit

import pytest
from storages.backends.s3 import S3Storage

BASE_ENV = {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://app:pw@db.internal:5432/lms"}


@pytest.fixture
def production(monkeypatch):
    """Evaluate lms.settings.production with the given environment; returns its names."""

    def load(**env):
        for name in list(__import__("os").environ):
            if name.startswith(("AWS_", "DB_", "REDIS_", "CONN_")):
                monkeypatch.delenv(name, raising=False)
        for name, value in {**BASE_ENV, **env}.items():
            monkeypatch.setenv(name, value)
        return runpy.run_module("lms.settings.production", run_name="lms.settings.production")

    return load


def test_without_a_bucket_media_stay_on_the_filesystem(production):
    settings = production()
    assert settings["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert "private" not in settings["STORAGES"] or not settings["STORAGES"]["private"][
        "BACKEND"
    ].endswith("S3Storage")


def test_s3_compatible_store_gets_bucket_endpoint_region_and_addressing(production):
    settings = production(
        AWS_STORAGE_BUCKET_NAME="sector-media",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        AWS_S3_REGION_NAME="us-west-2",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_ACCESS_KEY_ID="minio-user",
        AWS_SECRET_ACCESS_KEY="minio-secret",
    )
    default = settings["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "sector-media"
    assert options["endpoint_url"] == "https://minio.internal:9000"
    assert options["region_name"] == "us-west-2"
    assert options["location"] == "media"
    assert options["file_overwrite"] is False
    config = options["client_config"]
    assert config.s3 == {"addressing_style": "path"}
    assert config.signature_version == "s3v4"
    assert config.connect_timeout == 5 and config.read_timeout == 30
    assert config.request_checksum_calculation == "when_required"
    storage = S3Storage(**options)
    url = storage.url("images/photo.png")
    assert url.startswith("https://minio.internal:9000/sector-media/media/images/photo.png?")
    assert "X-Amz-Signature=" in url
    assert storage.access_key == "minio-user"


def test_aws_uses_the_default_credential_chain_without_keys(production):
    settings = production(AWS_STORAGE_BUCKET_NAME="sector-media", AWS_S3_REGION_NAME="us-east-1")
    options = settings["STORAGES"]["default"]["OPTIONS"]
    assert options["access_key"] is None and options["secret_key"] is None
    assert options["endpoint_url"] is None
    assert options["client_config"].request_checksum_calculation == "when_supported"
    assert options["default_acl"] is None  # ACLs are off on new AWS buckets: policies decide


def test_public_media_through_a_cdn_domain_private_files_only_signed(production):
    settings = production(
        AWS_STORAGE_BUCKET_NAME="sector-media",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_S3_CUSTOM_DOMAIN="media.learn.example.org",
        AWS_QUERYSTRING_AUTH="false",
        AWS_PRIVATE_BUCKET_NAME="sector-private",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    public = S3Storage(**settings["STORAGES"]["default"]["OPTIONS"])
    assert (
        public.url("h5p/abc/h5p.json") == "https://media.learn.example.org/media/h5p/abc/h5p.json"
    )

    private_options = settings["STORAGES"]["private"]["OPTIONS"]
    assert private_options["bucket_name"] == "sector-private"
    assert private_options["location"] == "private"
    assert private_options["custom_domain"] is None
    private = S3Storage(**private_options)
    url = urlsplit(private.url("evidence/certificate.pdf"))
    assert url.path == "/private/evidence/certificate.pdf"
    query = parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query


def test_private_alias_shares_the_bucket_under_its_own_prefix_by_default(production):
    settings = production(AWS_STORAGE_BUCKET_NAME="sector-media", AWS_PRIVATE_DEFAULT_ACL="private")
    private = settings["STORAGES"]["private"]["OPTIONS"]
    assert private["bucket_name"] == "sector-media"
    assert private["default_acl"] == "private"
    assert private["querystring_auth"] is True


def test_postgres_connections_persist_and_faults_time_out(production):
    settings = production(DB_STATEMENT_TIMEOUT="15", DB_CONNECT_TIMEOUT="3")
    database = settings["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    options = database["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["keepalives"] == 1
    assert options["keepalives_idle"] == 10
    assert options["keepalives_interval"] == 5
    assert options["keepalives_count"] == 3
    assert options["tcp_user_timeout"] == 10000
    assert options["options"] == "-c statement_timeout=15000"


def test_database_url_options_win_and_statement_timeout_can_be_off(production):
    settings = production(
        DATABASE_URL="postgres://app@db:5432/lms?connect_timeout=9&sslmode=require",
        DB_STATEMENT_TIMEOUT="0",
        CONN_MAX_AGE="0",
    )
    database = settings["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["connect_timeout"] == 9
    assert database["OPTIONS"]["sslmode"] == "require"
    assert "options" not in database["OPTIONS"]


def test_sessions_in_the_database_and_a_cache_that_survives_redis(production):
    settings = production(REDIS_URL="redis://:secret@cache.internal:6380/2")
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "lms.cache.RedisCacheWithFallback"
    assert cache["LOCATION"] == "redis://:secret@cache.internal:6380/2"
    assert cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] == 0.5
    assert cache["OPTIONS"]["SOCKET_TIMEOUT"] == 0.5
    assert settings["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


def test_sqlite_gets_no_postgres_options(production):
    settings = production(DATABASE_URL="sqlite:///tmp-production-check.sqlite3")
    assert "connect_timeout" not in settings["DATABASES"]["default"].get("OPTIONS", {})
