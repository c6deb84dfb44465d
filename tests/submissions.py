"""Posting staff forms in tests: each submission carries a fresh one-time token."""

from lms.submissions import FIELD, new_token


def submitted(data: dict | None = None, *, prefix: str = "") -> dict:
    """``data`` plus a new submission token (named ``<prefix>-submission`` for prefixed forms)."""
    name = f"{prefix}-{FIELD}" if prefix else FIELD
    return {**(data or {}), name: new_token()}
