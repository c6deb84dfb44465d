"""Playwright against Debian's Chromium (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required for browser tests in CI ({CHROMIUM}).")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_csp_violation(message) -> bool:
    return "Content Security Policy" in message.text or "Content-Security-Policy" in message.text


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts (own cookies); closed after the test.

    Every page records what the Content-Security-Policy blocked (Chromium reports each block
    on the console, frames included); a test that met any fails when it ends, so each browser
    journey also proves the policy does not break it. ``page.csp_violations`` lists them.
    """
    contexts, pages = [], []

    def make(viewport=PHONE, **kwargs):
        context = browser.new_context(viewport=viewport, **kwargs)
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: _is_csp_violation(message) and page.csp_violations.append(message.text),
        )
        pages.append(page)
        return page

    yield make
    violations = [text for page in pages for text in page.csp_violations]
    for context in contexts:
        context.close()
    assert not violations, f"The Content-Security-Policy blocked: {violations}"


def sign_in(page, live_server, username, password=None, *, totp_secret=None):
    """Sign in through the real form (and the TOTP step for staff); returns once signed in.

    It presses the form's own button: the header's language switch is a submit button too.
    """
    from tests.factories import TEST_PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password or TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if totp_secret:
        from tests.totp import current_code

        page.fill("input[name=code]", current_code(totp_secret))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
