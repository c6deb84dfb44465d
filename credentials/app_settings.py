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
    def LINKEDIN_ORGANIZATION_ID(self) -> str:
        return getattr(settings, "CREDENTIALS_LINKEDIN_ORGANIZATION_ID", "")


app_settings = AppSettings()
