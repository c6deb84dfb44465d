"""Origins that settings derive for the Content-Security-Policy (see lms/csp.py)."""

from urllib.parse import urlsplit


def storage_origins(bucket: str, endpoint: str, region: str, custom_domain: str) -> list[str]:
    """The origins an S3 (or S3-compatible) bucket's object links can have."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins += [
            f"https://{bucket}.s3.{region}.amazonaws.com",
            f"https://s3.{region}.amazonaws.com",
        ]
    return origins
