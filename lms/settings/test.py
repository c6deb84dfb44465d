"""Tests: fast hashing, in-memory media, the immediate task backend."""

import tempfile

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="sector-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="sector-test-static-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PUBLIC_BASE_URL = env_str("TEST_PUBLIC_BASE_URL", "https://learn.example.org")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="sector-test-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/ip,5/5m/key",
    "mfa_code_failed": "5/15m/key,20/1d/key",
}
# Browser tests compute a code, then submit it a moment later under load; accept the
# neighbouring 30-second step so a code is not refused for crossing a step boundary.
MFA_TOTP_TOLERANCE = 1
