"""Options of the credentials app, read from Django settings with defaults (see README)."""

from django.conf import settings


class AppSettings:
    @property
    def PUBLIC_BASE_URL(self) -> str:
        return settings.PUBLIC_BASE_URL.rstrip("/")

    @property
    def MAX_UPLOAD_BYTES(self) -> int:
        return getattr(settings, "CREDENTIALS_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)

    @property
    def PUBLIC_CACHE_SECONDS(self) -> int:
        """Longest time the app keeps a public answer (any status change ends it sooner)."""
        return getattr(settings, "CREDENTIALS_PUBLIC_CACHE_SECONDS", 300)

    @property
    def PUBLIC_HTTP_MAX_AGE(self) -> int:
        """How long browsers, proxies and CDNs may reuse a public answer without asking."""
        return getattr(settings, "CREDENTIALS_PUBLIC_HTTP_MAX_AGE", 60)

    @property
    def LINKEDIN_ORGANIZATION_ID(self) -> str:
        return getattr(settings, "CREDENTIALS_LINKEDIN_ORGANIZATION_ID", "")


app_settings = AppSettings()
