"""The Content-Security-Policy holds in Chromium: it blocks what it should, and the CMS editor,
the module player and the public pages work under it (every browser test fails on a block)."""

import pytest

from lms.people.roles import Role
from tests.courses.factories import check_block, course_page, module_page
from tests.e2e.conftest import LAPTOP, PHONE, sign_in
from tests.factories import TEST_TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_policy_blocks_an_injected_script_and_image(live_server, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            """() => {
                const img = document.createElement("img");
                img.src = "https://tracker.example/pixel.png";
                document.body.append(img);
                const script = document.createElement("script");
                script.textContent = "window.injected = true";
                document.body.append(script);
            }"""
        )
    assert page.evaluate("window.injected === undefined")
    assert page.csp_violations  # the fixture sees blocks; this test expects them
    page.csp_violations.clear()


def test_an_editor_edits_a_page_in_the_cms_under_its_policy(live_server, new_page):
    editor = UserFactory(role=Role.PROGRAM_ADMIN, is_superuser=True, username="county.editor")
    course = course_page(title="Site basics")
    module = module_page(course, blocks=[check_block()])
    page = new_page(viewport=LAPTOP)
    sign_in(page, live_server, editor.username, totp_secret=TEST_TOTP_SECRET)

    page.goto(f"{live_server.url}/cms/pages/{module.pk}/edit/")
    page.get_by_role("button", name="Insert a block").first.wait_for()  # StreamField's JS ran
    page.fill("#id_title", "Staying safe on site")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("has been updated").first.wait_for()
    module.refresh_from_db()
    assert module.get_latest_revision().content["title"] == "Staying safe on site"

    page.goto(f"{live_server.url}/cms/pages/{course.pk}/")  # the page explorer's listing
    page.get_by_role("link", name="Staying safe on site").first.wait_for()
