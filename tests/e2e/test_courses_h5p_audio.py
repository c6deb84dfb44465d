"""On a phone, the module page plays H5P content with sound: the sandboxed frame's audio
requests (CORS preflight included) succeed for Single Choice Set and Arithmetic Quiz."""

import re

import pytest

from courses.h5p.services import h5p_package_import
from courses.services import enrollment_create
from tests.courses.factories import course_page, h5p_block, module_page, samples_dir
from tests.e2e.conftest import PHONE, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SOUND = re.compile(r"/courses/h5p/files/[0-9a-f]{64}/.+\.(ogg|mp3)$")


@pytest.mark.parametrize("sample", ["single-choice-set.h5p", "arithmetic-quiz.h5p"])
def test_module_page_plays_h5p_with_audio(live_server, new_page, participant, sample):
    path = samples_dir() / sample
    if not path.is_file():
        pytest.skip(f"H5P samples folder absent ({path.parent}); set H5P_SAMPLES_DIR.")
    with path.open("rb") as upload:
        package, _created = h5p_package_import(upload)
    course = course_page()
    module = module_page(course, slug="with-sound", blocks=[h5p_block(package, "snd")])
    enrollment_create(participant=participant, course=course)

    page = new_page(viewport=PHONE)
    sounds, failures = [], []
    page.on("response", lambda r: SOUND.search(r.url) and sounds.append((r.request.method, r)))
    page.on("requestfailed", lambda r: SOUND.search(r.url) and failures.append(r.url))
    sign_in(page, live_server, participant.user.username)
    page.goto(f"{live_server.url}{module.url}")
    frame = page.frame_locator("iframe.h5p-frame")
    frame.locator(".h5p-content.h5p-initialized").wait_for(state="attached")
    if sample == "arithmetic-quiz.h5p":
        # The quiz registers its sounds when it starts.
        frame.locator(".start-button, .h5p-joubelui-button").first.click()
    for _ in range(60):
        if any(method == "GET" for method, _r in sounds):
            break
        page.wait_for_timeout(250)
    preflights = [r for method, r in sounds if method == "OPTIONS"]
    loads = [r for method, r in sounds if method == "GET"]
    assert loads, f"no audio was requested by {sample}"
    assert all(r.status == 200 for r in loads), [(r.url, r.status) for r in loads]
    assert all(r.status == 204 for r in preflights), [(r.url, r.status) for r in preflights]
    assert loads[0].header_value("access-control-allow-origin") == "*"
    assert not failures, failures
