"""Course options, read from Django settings with defaults (documented in README.md)."""

from django.conf import settings


def _words(text: str) -> list[str]:
    return text.split()


# H5P core's content whitelist (h5p-php-library H5PCore::$defaultContentWhitelist, 2024): what a
# package's content/ folder may hold. js, css, svg and xml are no longer in it.
H5P_CONTENT_EXTENSIONS = frozenset(
    _words(
        """json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav
        txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv diff patch swf md textile vtt
        webvtt gltf glb"""
    )
)
# What library folders may add (H5PCore::$defaultLibraryWhitelistExtras).
H5P_LIBRARY_EXTRA_EXTENSIONS = frozenset({"js", "css", "svg", "xml"})


class AppSettings:
    def _get(self, name, default):
        return getattr(settings, f"COURSES_{name}", default)

    @property
    def H5P_MAX_ARCHIVE_BYTES(self) -> int:
        """Largest .h5p file accepted."""
        return self._get("H5P_MAX_ARCHIVE_BYTES", 50 * 1024 * 1024)

    @property
    def H5P_MAX_UNPACKED_BYTES(self) -> int:
        """Largest total size of the unpacked files (stops zip bombs)."""
        return self._get("H5P_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)

    @property
    def H5P_MAX_FILES(self) -> int:
        return self._get("H5P_MAX_FILES", 5000)

    @property
    def H5P_CONTENT_EXTENSIONS(self) -> frozenset:
        """File types a package's content/ folder may hold (SVG is accepted and sanitized)."""
        return frozenset(self._get("H5P_CONTENT_EXTENSIONS", H5P_CONTENT_EXTENSIONS))

    @property
    def H5P_LIBRARY_EXTENSIONS(self) -> frozenset:
        """File types a library folder may hold: the content list plus js, css, svg, xml."""
        return frozenset(
            self._get(
                "H5P_LIBRARY_EXTENSIONS", H5P_CONTENT_EXTENSIONS | H5P_LIBRARY_EXTRA_EXTENSIONS
            )
        )

    @property
    def H5P_SANITIZE_CONTENT_SVG(self) -> bool:
        """Accept SVG in content/ after rebuilding it passive (else refuse it, as core does)."""
        return self._get("H5P_SANITIZE_CONTENT_SVG", True)

    @property
    def H5P_STORAGE_PREFIX(self) -> str:
        return self._get("H5P_STORAGE_PREFIX", "h5p")

    @property
    def HEARTBEAT_SECONDS(self) -> int:
        """How often an open module page reports activity."""
        return self._get("HEARTBEAT_SECONDS", 30)

    @property
    def IDLE_SECONDS(self) -> int:
        """No input for this long and the page stops reporting time."""
        return self._get("IDLE_SECONDS", 120)

    @property
    def TIME_BLOCK_MINUTES(self) -> int:
        """Active minutes are credited to the ledger in blocks of this size."""
        return self._get("TIME_BLOCK_MINUTES", 5)

    @property
    def TIME_CAP_MULTIPLE(self) -> float:
        """Module minutes credited at most this multiple of the module's expected minutes."""
        return self._get("TIME_CAP_MULTIPLE", 1.5)


app_settings = AppSettings()
