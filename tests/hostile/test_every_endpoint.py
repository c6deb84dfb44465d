"""Generated hostile input against every endpoint: no server error, nothing already saved lost.

For each kind of visitor (anonymous, participant, facilitator, case manager) the test opens
every URL the site resolves (path parameters filled with real ids, ids of other partners,
huge numbers and odd text) and reads the forms each page shows that visitor. Hypothesis then
sends three kinds of requests: a real form with some fields replaced by hostile text; a real
JSON request (xAPI statement, heartbeat, attendance mark) with some values replaced by
hostile values of any shape; and any URL with a random method and body (form fields or JSON
of any shape, raw bytes). Hostile values include NULs, impossible dates, huge numbers, deep
nesting and long text.
Any 5xx, or any view that raises, fails the test. The budget is fixed and the examples are
derandomized, so the suite stays fast and the same in every run; CI runs it on PostgreSQL.

Left out: the Wagtail admin (`/cms/`: Wagtail's own forms, covered by its own suite and by
our scoping crawl) and signing out (it would end the visitor's session mid-run).
"""

import json
import uuid
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cbi_curriculum.models import Attendance
from courses.models import Statement
from credentials.models import Credential
from lms.hours.models import HoursEntry
from lms.people.models import Participant
from tests.courses.test_statements import post, statement
from tests.hostile.json_paths import leaf_paths, replaced
from tests.site_walk import forms_of, site_urls
from tests.totp import force_login_with_mfa

pytestmark = pytest.mark.django_db

EXAMPLES_PER_VISITOR = 120
SKIPPED_PREFIXES = ("/cms/", "/accounts/logout/", "/static/", "/media/")

NASTY_TEXT = [
    "",
    "\x00",
    "a\x00b",
    "2026-02-30",
    "2026-02-30T10:00:00",
    "24:61",
    "1e999999",
    "1e200000",
    "-1",
    "9" * 40,
    "NaN",
    "Infinity",
    "[" * 2000,
    "x" * 70_000,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "%00",
    "١٢٣",
    "🙂" * 10,
    "' OR 1=1 --",
]
FIELDS = [
    "participant", "module", "activity", "statement", "status", "note", "minutes",
    "marked_at", "mark_id", "arrived_at", "left_at", "homework_done", "reason", "amount",
    "date", "week_start", "code", "login", "password", "password1", "password2", "email",
    "next", "language", "q", "page", "private", "name", "display_name", "decision", "steps",
    "length_minutes", "fidelity", "room", "starts_at", "id", "verb", "result",
]  # fmt: skip


def text():
    return st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=30))


def json_value(ids):
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(ids),
        text(),
    )
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.sampled_from(FIELDS), children, max_size=4)
        ),
        max_leaves=12,
    )


def bodies(ids):
    form = st.dictionaries(
        st.sampled_from(FIELDS), st.one_of(text(), st.sampled_from(ids)), max_size=6
    ).map(lambda data: ("form", data))
    as_json = st.one_of(
        st.dictionaries(st.sampled_from(FIELDS), json_value(ids), max_size=6),
        json_value(ids),
    ).map(lambda data: ("json", json.dumps(data)))
    raw = st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"[" * 200_000, b'{"a":' * 5000, b"\xff\xfe", b"{}" * 10]),
    ).map(lambda data: ("raw", data))
    return st.one_of(form, as_json, raw)


@pytest.fixture
def world(
    county, org, other_org, participant, other_participant, case_manager, facilitator,
    open_session, member, enrolled, h5p_module, issue, client_for,
):  # fmt: skip
    credential = issue(participant)
    assert post(client_for(participant.user), h5p_module, statement()).status_code == 201
    ints = {
        participant.pk, other_participant.pk, open_session.pk, open_session.group_id,
        h5p_module.pk, enrolled.course_id, case_manager.pk, facilitator.pk, 1, 0,
    }  # fmt: skip
    by_name = {
        "public_id": [credential.public_id, "nope"],
        "org": [org.slug, other_org.slug],
        "slug": [org.slug, credential.achievement.slug, "x"],
    }
    urls = site_urls(
        {"by_name": by_name, "ints": [str(i) for i in sorted(ints)], "page_paths": [""]},
        limit=12,
    )
    urls = [url for url in urls if not url.startswith(SKIPPED_PREFIXES)]
    odd = [f"{url}?page=%00&q=2026-02-30&next=//evil.example" for url in urls[::7]]
    session_url = reverse("cbi_curriculum:attendance_save", args=[open_session.pk])
    json_requests = [
        (reverse("courses:statements"), {"module": h5p_module.pk, "activity": "quiz-1",
                                         "statement": statement()}),
        (reverse("courses:heartbeat"), {"module": h5p_module.pk, "seconds": 30}),
        (session_url, {"participant": participant.pk, "status": "late", "arrived_at": "10:15",
                       "mark_id": str(uuid.uuid4()), "marked_at": "2026-03-02T10:00:00",
                       "minutes": 80, "note": "bus"}),
    ]  # fmt: skip
    return {
        "urls": urls + odd,
        "json_requests": json_requests,
        "ids": sorted(ints) + [str(i) for i in sorted(ints)] + [2**31, 2**63, -5],
        "credential": credential,
        "visitors": {
            "anonymous": None,
            "participant": participant.user,
            "facilitator": facilitator,
            "case_manager": case_manager,
        },
    }


def saved(world):
    """What must survive: counts of the records people made, and one signed credential."""
    return {
        "statements": Statement.objects.count(),
        "attendance": Attendance.objects.count(),
        "hours": HoursEntry.objects.count(),
        "participants": Participant.objects.count(),
        "credential": Credential.objects.get(pk=world["credential"].pk).signed_json,
    }


def discover_forms(client, urls) -> list[tuple[str, dict]]:
    """The POST forms the visitor is shown anywhere: (action, {field: value as rendered})."""
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}"
        if "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_of(response.content.decode(errors="replace")):
            action = urljoin(url, form["action"] or url)
            if form["method"] != "post" or action.startswith(SKIPPED_PREFIXES):
                continue
            fields = {f["name"]: f["value"] for f in form["fields"] if f["name"]}
            found.setdefault((action, tuple(sorted(fields))), (action, fields))
    return list(found.values())


def hostile(ids):
    return st.one_of(text(), st.sampled_from(ids), json_value(ids))


def mutated_form(forms, ids):
    """A real form as rendered, with one field (or, at times, every field) made hostile."""

    def fill(form):
        action, fields = form
        if not fields:
            return st.just(("post", action, ("form", {})))
        one = st.tuples(st.sampled_from(sorted(fields)), st.one_of(text(), st.sampled_from(ids)))
        every = st.fixed_dictionaries({name: text() for name in fields})
        return st.one_of(one.map(lambda pair: {**fields, pair[0]: str(pair[1])}), every).map(
            lambda data: ("post", action, ("form", data))
        )

    return st.sampled_from(forms).flatmap(fill)


def mutated_json(requests, ids):
    """A real JSON request with one value, at any depth, replaced by a hostile one."""

    def fill(request):
        url, template = request
        return st.tuples(st.sampled_from(list(leaf_paths(template))), hostile(ids)).map(
            lambda pair: ("post", url, ("json", json.dumps(replaced(template, *pair))))
        )

    return st.sampled_from(requests).flatmap(fill)


def send(client, method, url, body):
    kind, data = body
    if method == "get":
        return client.get(url, data if kind == "form" else None)
    if kind == "form":
        return client.post(url, data)
    return client.post(url, data, content_type="application/json")


@pytest.mark.parametrize("visitor", ["anonymous", "participant", "facilitator", "case_manager"])
def test_no_endpoint_answers_hostile_input_with_a_server_error(client, world, visitor):
    user = world["visitors"][visitor]
    before = saved(world)

    if user is not None:
        force_login_with_mfa(client, user)
    forms = discover_forms(client, world["urls"])
    ids = world["ids"]
    anything = st.tuples(
        st.sampled_from(["get", "post"]), st.sampled_from(world["urls"]), bodies(ids)
    )
    requests = [anything, mutated_json(world["json_requests"], ids)]
    if forms:
        requests.append(mutated_form(forms, ids))

    @settings(
        max_examples=EXAMPLES_PER_VISITOR,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request=st.one_of(*requests))
    def check(request):
        method, url, body = request
        if user is not None:
            force_login_with_mfa(client, user)
        response = send(client, method, url, body)
        assert response.status_code < 500, f"{method.upper()} {url} {body!r:.300}"

    check()
    after = saved(world)
    assert after["credential"] == before["credential"]
    for name in ("statements", "attendance", "hours", "participants"):
        assert after[name] >= before[name], name
