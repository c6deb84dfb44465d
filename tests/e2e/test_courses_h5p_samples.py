"""Every third-party sample package plays in the sandboxed player (phone viewport)."""

import pytest

from courses.h5p.services import h5p_package_import
from tests.courses.factories import samples_dir
from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_sample_package_plays(live_server, new_page):
    folder = samples_dir()
    samples = sorted(folder.glob("*.h5p")) if folder.is_dir() else []
    if not samples:
        pytest.skip(f"H5P samples folder absent ({folder}); set H5P_SAMPLES_DIR.")
    page = new_page(viewport=PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in samples:
        with path.open("rb") as upload:
            package, _created = h5p_package_import(upload)
        page.goto(f"{live_server.url}/courses/h5p/{package.pk}/player/")
        page.wait_for_selector(".h5p-content.h5p-initialized", state="attached")
        library = package.main_library.split(".")[-1].lower()
        assert page.locator(f"[class*='h5p-{library}'], .h5p-{library}").count() or (
            page.locator(".h5p-content *").count() > 3
        ), path.name
        assert not [e for e in errors if "SecurityError" in e], (path.name, errors)
