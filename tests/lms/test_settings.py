"""Production settings pass Django's deployment checks, and refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update({"DJANGO_SETTINGS_MODULE": "lms.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = run_check(
        SECRET_KEY="x" * 30 + "-production-grade-secret-value-for-tests",
        ALLOWED_HOSTS="learn.example.org",
        CREDENTIALS_KEY_ENCRYPTION_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_requires_a_secret_key():
    result = run_check(SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
