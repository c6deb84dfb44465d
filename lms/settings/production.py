"""Production: PostgreSQL, Redis cache, S3 media, secure cookies. Secrets come from the env.

Every variable read here is listed in README.md ("Running in production").
"""

import dj_database_url
from botocore.config import Config as BotoConfig

from .base import *  # noqa: F403
from .env import env_bool, env_float, env_int, env_str
from .origins import storage_origins

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")

# --- Database: persistent connections, and faults that end instead of hanging ---------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",  # noqa: F405
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # libpq: give up connecting, and drop a connection whose peer went silent (a network
    # partition sends no reset), instead of waiting for the kernel's 15-minute defaults.
    _options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", env_int("DB_KEEPALIVES_IDLE", 10))
    _options.setdefault("keepalives_interval", env_int("DB_KEEPALIVES_INTERVAL", 5))
    _options.setdefault("keepalives_count", env_int("DB_KEEPALIVES_COUNT", 3))
    _options.setdefault("tcp_user_timeout", int(env_float("DB_TCP_USER_TIMEOUT", 10) * 1000))
    _statement_timeout = int(env_float("DB_STATEMENT_TIMEOUT", 30) * 1000)
    if _statement_timeout and "statement_timeout" not in _options.get("options", ""):
        _options["options"] = (
            f"{_options.get('options', '')} -c statement_timeout={_statement_timeout}".strip()
        )

# --- Cache: Redis, with a per-process memory fallback while Redis is unreachable ------------
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/1")
CACHES = {
    "default": {
        "BACKEND": "lms.cache.RedisCacheWithFallback",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sector"),
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
            "SOCKET_TIMEOUT": env_float("REDIS_SOCKET_TIMEOUT", 0.5),
            "CONNECTION_POOL_KWARGS": {"health_check_interval": 30},
            "FALLBACK_RETRY_SECONDS": env_float("CACHE_FALLBACK_RETRY_SECONDS", 5),
        },
    }
}
# Sessions live in the database: a Redis restart or outage signs nobody out, and no stale
# cached copy of a session can come back after an outage (as a cached_db copy could, for a
# session that was signed out while Redis was unreachable).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Media on S3 or an S3-compatible store (MinIO, Ceph, Cloudflare R2, ...) ----------------
STORAGES = {alias: dict(options) for alias, options in STORAGES.items()}  # noqa: F405
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = env_str("AWS_S3_ENDPOINT_URL", "") or None
    _checksums = env_str(
        "AWS_S3_CHECKSUMS", "when_required" if _endpoint else "when_supported"
    )  # many S3-compatible stores reject the checksums that boto3 sends by default
    _s3 = {
        "endpoint_url": _endpoint,
        "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
        "access_key": env_str("AWS_S3_ACCESS_KEY_ID", env_str("AWS_ACCESS_KEY_ID", "")) or None,
        "secret_key": (
            env_str("AWS_S3_SECRET_ACCESS_KEY", env_str("AWS_SECRET_ACCESS_KEY", "")) or None
        ),
        "client_config": BotoConfig(
            s3={"addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "auto")},
            signature_version=env_str("AWS_S3_SIGNATURE_VERSION", "s3v4"),
            connect_timeout=env_float("AWS_S3_CONNECT_TIMEOUT", 5),
            read_timeout=env_float("AWS_S3_READ_TIMEOUT", 30),
            retries={"max_attempts": env_int("AWS_S3_MAX_ATTEMPTS", 3), "mode": "standard"},
            request_checksum_calculation=_checksums,
            response_checksum_validation=_checksums,
        ),
        # Uploads never replace each other: two images called photo.jpg get two names.
        "file_overwrite": False,
    }
    # Media that pages link to (images, H5P package files): under their own prefix, so a
    # bucket policy or CDN can make exactly this prefix public.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "location": env_str("AWS_LOCATION", "media"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            "default_acl": env_str("AWS_DEFAULT_ACL", "") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
        },
    }
    # Private files (evidence, ...): private objects, never through a public domain, only by
    # short-lived signed links.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env_str("AWS_PRIVATE_BUCKET_NAME", "") or AWS_STORAGE_BUCKET_NAME,
            "location": env_str("AWS_PRIVATE_LOCATION", "private"),
            "custom_domain": None,
            "default_acl": env_str("AWS_PRIVATE_DEFAULT_ACL", "") or None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_PRIVATE_QUERYSTRING_EXPIRE", 300),
        },
    }

    LMS_CSP_MEDIA_ORIGINS = [  # noqa: F405 - pages show images from the bucket
        *LMS_CSP_MEDIA_ORIGINS,  # noqa: F405
        *storage_origins(
            AWS_STORAGE_BUCKET_NAME,
            _endpoint or "",
            env_str("AWS_S3_REGION_NAME", ""),
            env_str("AWS_S3_CUSTOM_DOMAIN", ""),
        ),
    ]

# --- Static files: built once (make static), served by WhiteNoise from any server -----------
STATIC_URL = env_str("STATIC_URL", "/static/")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# --- Behind a TLS proxy ---------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For: sign-in rate limits count per client address,
# not per proxy (with 0 every visitor would share the proxy's address and its limit).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
