"""Local development: DEBUG on, a throwaway secret, console e-mail."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .env import env_str  # noqa: E402

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = ["*"]

# Demo convenience that allauth honours only while DEBUG is on: this code passes any TOTP check.
MFA_TOTP_INSECURE_BYPASS_CODE = env_str("DEMO_MFA_BYPASS_CODE", "123456")
