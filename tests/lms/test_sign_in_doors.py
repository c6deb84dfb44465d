"""No door of the site gives a staff session without the second factor.

The test walks every URL pattern the site resolves, builds a URL for each (path parameters
filled with real ids and tokens from the fixtures), opens it anonymously and collects every
page that shows a password field. Each such page must be a known, classified door; then a
staff member's username and password are posted through it (with the form's other fields as
rendered, CSRF enforced) and no request afterwards may reach staff data.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from allauth.account.forms import default_token_generator as allauth_tokens
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.tokens import default_token_generator as django_tokens
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Page, PageViewRestriction, Site

from lms.people import services
from lms.people.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory
from tests.site_walk import FormReader, site_urls

pytestmark = pytest.mark.django_db

# Every page that renders a password field, by the URL name of the page that renders it.
# A new one fails the test until it is added here with what it is and why it is safe.
PASSWORD_DOORS = {
    "account_login": "allauth's sign-in: password, then the MFA step for staff",
    "account_reset_password_from_key": "allauth's reset link: sets a password, signs no one in",
    "invitation_accept": "a participant's one-time link: refuses staff accounts",
    "wagtailcore_authenticate_with_password": "a private page's shared password, not an account",
    "wagtail_serve": "a private page asking for its shared password, not an account",
}
# Sign-in routes of other packages that must lead to allauth's sign-in.
OTHER_LOGIN_ROUTES = ["/cms/login/", "/_util/login/", "/cms/password_reset/"]
STAFF_DATA = ["/staff/participants/", "/staff/participants/export.csv", "/cms/", "/staff/"]
PAGE_PASSWORD = "page-only-secret"  # noqa: S105 - a test page's shared password


@pytest.fixture
def world(county, org, participant, case_manager):
    """A TOTP staff member (the target) and the real ids and tokens that URLs take."""
    staff = UserFactory(
        username="county.target", role=Role.PROGRAM_ADMIN, organization=county, is_superuser=True
    )
    _invitation, raw_invitation = services.invitation_create(
        actor=case_manager, participant=participant
    )
    root = Site.objects.get(is_default_site=True).root_page
    private = root.add_child(instance=Page(title="Private", slug="private-notes"))
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    by_name = {
        "token": [raw_invitation, django_tokens.make_token(staff)],
        "uidb64": [urlsafe_base64_encode(force_bytes(staff.pk))],
        "uidb36": [user_pk_to_url_str(staff)],
        "key": [allauth_tokens.make_token(staff)],
        "org": [org.slug],
        "page_view_restriction_id": [str(restriction.pk)],
        "page_id": [str(private.pk)],
    }
    ints = sorted({staff.pk, participant.pk, private.pk, restriction.pk, root.pk, 1})
    page_paths = ["", private.url_path.removeprefix(root.url_path)]
    return {
        "staff": staff,
        "by_name": by_name,
        "ints": [str(i) for i in ints],
        "page_paths": page_paths,
    }


# --- Reading forms --------------------------------------------------------------------------


def password_forms(html):
    reader = FormReader()
    reader.feed(html)
    return [f for f in reader.forms if any(field["type"] == "password" for field in f["fields"])]


def open_page(client, url, limit=5):
    """GET following redirects on this site; the final response and path."""
    response = client.get(url)
    while response.status_code in (301, 302, 303, 307, 308) and limit:
        location = urljoin(url, response["Location"])
        if urlsplit(location).netloc not in ("", "testserver"):
            break
        url = urlsplit(location).path + (
            "?" + urlsplit(location).query if urlsplit(location).query else ""
        )
        response = client.get(url)
        limit -= 1
    return response, url


def url_name(path):
    try:
        return resolve(urlsplit(path).path).url_name
    except Resolver404:
        return None


def discover_password_pages(world):
    """{url name of the page: (the URL that led there, final URL)} for every password form."""
    found = {}
    seen_final = set()
    for url in site_urls(world):
        client = Client(raise_request_exception=False)
        response, final = open_page(client, url)
        final_path = urlsplit(final).path
        if final_path in seen_final and final_path != urlsplit(url).path:
            continue
        seen_final.add(final_path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if password_forms(response.content.decode(errors="replace")):
            found.setdefault(url_name(final_path), (url, final))
    return found


# --- Walking through a door -----------------------------------------------------------------


def fill(form, staff):
    data = {}
    for field in form["fields"]:
        name, kind = field["name"], field["type"]
        if not name:
            continue
        if kind == "password":
            data[name] = TEST_PASSWORD
        elif kind in ("checkbox", "radio"):
            if field["checked"]:
                data[name] = field["value"] or "on"
        elif kind == "submit":
            continue
        elif kind == "email" or "email" in name:
            data[name] = staff.email
        elif name in ("login", "username", "user"):
            data[name] = staff.username
        else:
            data[name] = field["value"]
    return data


def walk_through(entry_url, staff):
    """Post the staff member's credentials through the password form at ``entry_url``."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response, final = open_page(client, entry_url)
    assert response.status_code == 200, entry_url
    for form in password_forms(response.content.decode()):
        action = urljoin(final, form["action"]) if form["action"] else final
        post = client.post(action, fill(form, staff))
        assert post.status_code != 403, f"CSRF refused the form at {final}"
        if post.status_code in (301, 302, 303):
            open_page(client, urljoin(action, post["Location"]))
    return client


def assert_no_staff_session(client, staff, door):
    for path in STAFF_DATA:
        response = client.get(path)
        assert response.status_code != 200, f"{door}: {path} opened without the code"
    assert client.session.get("_auth_user_id") != str(staff.pk), door


# --- The tests ------------------------------------------------------------------------------


def test_every_password_form_is_a_known_door_and_none_gives_staff_a_session(world):
    found = discover_password_pages(world)
    assert "account_login" in found  # the walk does reach the sign-in page
    # First the doors themselves, known or not: none may open staff data without the code.
    for door, (entry_url, _final) in found.items():
        client = walk_through(entry_url, world["staff"])
        assert_no_staff_session(client, world["staff"], f"{door} ({entry_url})")
    # Then every password form must be one we know and have classified.
    assert set(found) == set(PASSWORD_DOORS), (
        f"Pages with a password field changed; classify each in PASSWORD_DOORS: {found}"
    )


@pytest.mark.parametrize("route", OTHER_LOGIN_ROUTES)
def test_other_sign_in_routes_lead_to_allauth(world, route):
    client = Client()
    response, final = open_page(client, route + "?next=/staff/participants/")
    assert url_name(final) in ("account_login", "account_reset_password"), final
    if url_name(final) == "account_login":
        assert "next=/staff/participants/" in final or "next=%2Fstaff" in final
    client = walk_through(route, world["staff"])
    assert_no_staff_session(client, world["staff"], route)


def test_the_enumeration_reaches_the_routes_that_matter(world):
    urls = set(site_urls(world))
    for expected in [
        "/accounts/login/",
        "/cms/login/",
        "/_util/login/",
        f"/invite/{world['by_name']['token'][0]}/",
        f"/accounts/password/reset/key/{world['by_name']['uidb36'][0]}-"
        f"{world['by_name']['key'][0]}/",
        f"/_util/authenticate_with_password/{world['by_name']['page_view_restriction_id'][0]}/"
        f"{world['by_name']['page_id'][0]}/",
    ]:
        assert expected in urls, expected


def test_a_staff_member_with_the_code_does_get_in(world):
    """The check above is not vacuous: the real sign-in with the code opens staff data."""
    from tests.factories import TEST_TOTP_SECRET
    from tests.totp import current_code

    client = Client()
    client.post("/accounts/login/", {"login": world["staff"].username, "password": TEST_PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": current_code(TEST_TOTP_SECRET)})
    for path in STAFF_DATA:
        assert client.get(path).status_code == 200, path
