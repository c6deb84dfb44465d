"""Concrete URLs for every pattern the site resolves, and the forms of a page, for tests that
walk the whole site.

``world`` gives the values path parameters take: ``by_name`` (parameter name -> values, for
tokens and slugs), ``ints`` (ids as text) and ``page_paths`` (Wagtail page paths).
"""

import itertools
import re
import re._constants as sre_constants
import re._parser as sre_parse
import uuid
from html.parser import HTMLParser

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

MAX_URLS_PER_PATTERN = 40


def walk(resolver, segments=()):
    for pattern in resolver.url_patterns:
        chain = (*segments, pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, chain)
        else:
            yield chain


def route_candidates(route_pattern, world):
    parts = re.split(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>", route_pattern._route)
    pieces = []
    # re.split with two groups yields: text, conv, name, text, conv, name, ..., text
    for index in range(0, len(parts), 3):
        pieces.append([parts[index]])
        if index + 2 < len(parts):
            conv, name = parts[index + 1] or "str", parts[index + 2]
            pieces.append(values_for(name, conv, world))
    return ["".join(combo) for combo in itertools.product(*pieces)]


def values_for(name, kind, world):
    if name in world["by_name"]:
        return world["by_name"][name]
    if kind == "int":
        return world["ints"]
    if kind == "uuid":
        return [str(uuid.uuid4())]
    return ["x"]


def regex_candidates(regex_pattern, world):
    parsed = sre_parse.parse(regex_pattern._regex)
    names = {index: name for name, index in parsed.state.groupdict.items()}
    return render_regex(parsed, names, world)


def render_regex(items, names, world):
    pieces = []
    for op, arg in items:
        if op == sre_constants.LITERAL:
            pieces.append([chr(arg)])
        elif op == sre_constants.AT:
            continue
        elif op == sre_constants.SUBPATTERN:
            group, _add, _del, sub = arg
            pieces.append(group_values(names.get(group), sub, names, world))
        elif op == sre_constants.BRANCH:
            pieces.append(render_regex(arg[1][0], names, world))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, sub = arg
            pieces.append(render_regex(sub, names, world) if low else [""])
        elif op == sre_constants.IN:
            pieces.append([sample_from_class(arg)])
        elif op == sre_constants.ANY:
            pieces.append(["x"])
        else:
            raise AssertionError(f"Cannot build a URL for regex part {op}")
    return ["".join(combo) for combo in itertools.product(*pieces)]


def group_values(name, sub, names, world):
    if name in world["by_name"]:
        return world["by_name"][name]
    default = render_regex(sub, names, world)
    if any(op == sre_constants.BRANCH for op, _arg in sub):
        return default[:1]
    if default and all(value.isdigit() for value in default):
        return world["ints"]
    if default == [""] or default == ["x/"]:
        # Wagtail's page tree: the site root and the private page.
        return world["page_paths"]
    return default[:1]


def sample_from_class(items):
    for op, arg in items:
        if op == sre_constants.LITERAL:
            return chr(arg)
        if op == sre_constants.RANGE:
            return chr(arg[0])
        if op == sre_constants.CATEGORY:
            return "1" if arg == sre_constants.CATEGORY_DIGIT else "x"
    return "x"


def site_urls(world, limit=MAX_URLS_PER_PATTERN):
    """One or more concrete URLs for every pattern the site resolves."""
    urls = set()
    for chain in walk(get_resolver()):
        pieces = []
        for pattern in chain:
            if isinstance(pattern, RoutePattern):
                pieces.append(route_candidates(pattern, world))
            elif isinstance(pattern, RegexPattern):
                pieces.append(regex_candidates(pattern, world))
            else:
                raise AssertionError(f"Unknown URL pattern kind {pattern!r}")
        combos = itertools.islice(itertools.product(*pieces), limit)
        urls.update("/" + "".join(combo) for combo in combos)
    return sorted(urls)


class FormReader(HTMLParser):
    """The forms of a page: action, method and fields (name, type, value)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            kind = (attrs.get("type") or ("text" if tag == "input" else tag)).lower()
            if tag == "button" and kind != "submit":
                return
            self._form["fields"].append(
                {
                    "name": attrs.get("name"),
                    "type": kind,
                    "value": attrs.get("value") or "",
                    "checked": "checked" in attrs,
                }
            )

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def forms_of(html: str) -> list[dict]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms
