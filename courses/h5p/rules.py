"""H5P core's rules for ``h5p.json`` and ``library.json`` (h5p-php-library ``H5PValidator``).

A rule is a compiled pattern (the value, a string or an integer, must match it whole), a tuple of
allowed options (the value is a list of them), or a dict of sub-rules (the value is an object, or
a list of objects, each holding every sub-property). Required properties must be present and not
null; optional ones are checked when present; other properties are ignored, as core does.
"""

import re

from django.utils.translation import gettext as _


def _rule(pattern: str, flags: int = 0) -> re.Pattern:
    # Core's patterns are PCRE without the u flag: \w is ASCII.
    return re.compile(pattern, flags | re.ASCII)


VERSION = _rule(r"[0-9]{1,5}")
MACHINE_NAME = _rule(r"[\w0-9\-.]{1,255}", re.I)
TEXT_255 = _rule(r".{1,255}")
TEXT_5000 = _rule(r".{1,5000}", re.S)
ZERO_OR_ONE = _rule(r"0|1")
SIZE = _rule(r"[0-9]{1,4}")
DEPENDENCY = {"machineName": MACHINE_NAME, "majorVersion": VERSION, "minorVersion": VERSION}
EMBED_TYPES = ("iframe", "div")

H5P_REQUIRED = {
    "title": TEXT_255,
    "language": _rule(r"[-a-zA-Z]{1,10}"),
    "preloadedDependencies": DEPENDENCY,
    "mainLibrary": _rule(r"[$a-z_][0-9a-z_.$]{1,254}", re.I),
    "embedTypes": EMBED_TYPES,
}
H5P_OPTIONAL = {
    "contentType": TEXT_255,
    "dynamicDependencies": DEPENDENCY,
    "author": TEXT_255,
    "authors": {"name": TEXT_255, "role": _rule(r"\w+")},
    "source": _rule(r"https?://.+"),
    "license": _rule(
        r"CC BY|CC BY-SA|CC BY-ND|CC BY-NC|CC BY-NC-SA|CC BY-NC-ND|CC0 1\.0|GNU GPL|PD|ODC PDDL"
        r"|CC PDM|U|C"
    ),
    "licenseVersion": _rule(r"1\.0|2\.0|2\.5|3\.0|4\.0"),
    "licenseExtras": TEXT_5000,
    "yearsFrom": _rule(r"[0-9]{1,4}"),
    "yearsTo": _rule(r"[0-9]{1,4}"),
    "changes": {
        "date": _rule(r"[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}:[0-9]{2}"),
        "author": TEXT_255,
        "log": TEXT_5000,
    },
    "authorComments": TEXT_5000,
    "w": SIZE,
    "h": SIZE,
    "metaKeywords": _rule(r".+"),
    "metaDescription": _rule(r".+"),
}

LIBRARY_REQUIRED = {
    "title": TEXT_255,
    "majorVersion": VERSION,
    "minorVersion": VERSION,
    "patchVersion": VERSION,
    "machineName": MACHINE_NAME,
    "runnable": ZERO_OR_ONE,
}
LIBRARY_OPTIONAL = {
    "author": TEXT_255,
    "license": _rule(
        r"cc-by|cc-by-sa|cc-by-nd|cc-by-nc|cc-by-nc-sa|cc-by-nc-nd|pd|cr|MIT|GPL1|GPL2|GPL3|MPL|MPL2"
    ),
    "description": _rule(r".+"),
    "metadataSettings": {"disable": ZERO_OR_ONE, "disableExtraTitleField": ZERO_OR_ONE},
    "dynamicDependencies": DEPENDENCY,
    "preloadedDependencies": DEPENDENCY,
    "editorDependencies": DEPENDENCY,
    "preloadedJs": {"path": _rule(r"((\\|/)?[a-z_\-\s0-9.]+)+\.js", re.I)},
    "preloadedCss": {"path": _rule(r"((\\|/)?[a-z_\-\s0-9.]+)+\.css", re.I)},
    "dropLibraryCss": {"machineName": MACHINE_NAME},
    "w": SIZE,
    "h": SIZE,
    "embedTypes": EMBED_TYPES,
    "fullscreen": ZERO_OR_ONE,
    "coreApi": {"majorVersion": VERSION, "minorVersion": VERSION},
}

# Language files in a library's language/ folder (core: invalid-language-file).
LANGUAGE_FILE = _rule(r"(-?[a-z]+){1,7}\.json", re.I)


def problems(data: dict, required: dict, optional: dict, where: str) -> list[str]:
    """Every way ``data`` breaks the rules, as sentences naming the file and the property."""
    found = _required(data, required, where, "")
    for key, rule in optional.items():
        if data.get(key) is not None:
            found.extend(_value(data[key], rule, where, key))
    return found


def _required(data, rules: dict, where: str, parent: str) -> list[str]:
    if not isinstance(data, dict):
        return [_invalid(where, parent)]
    found = []
    for key, rule in rules.items():
        name = f"{parent}.{key}" if parent else key
        if data.get(key) is None:
            found.append(
                _("%(file)s is missing the required property %(property)s.")
                % {"file": where, "property": name}
            )
        else:
            found.extend(_value(data[key], rule, where, name))
    return found


def _value(value, rule, where: str, name: str) -> list[str]:
    if isinstance(rule, re.Pattern):
        scalar = isinstance(value, str | int) and not isinstance(value, bool)
        if not scalar or rule.fullmatch(str(value)) is None:
            return [_invalid(where, name)]
        return []
    if isinstance(rule, tuple):
        if not isinstance(value, list) or not value:
            return [_invalid(where, name)]
        return [
            _("%(file)s: %(value)s is not an allowed value of %(property)s.")
            % {"file": where, "value": str(option)[:40], "property": name}
            for option in value
            if option not in rule
        ]
    # Sub-rules: an object, or a list of objects (core reads a list of scalars, or an empty
    # list, as an object missing every sub-property).
    if isinstance(value, list):
        if not value:
            return [_invalid(where, name)]
        found = []
        for index, item in enumerate(value):
            found.extend(_required(item, rule, where, f"{name}[{index}]"))
        return found
    return _required(value, rule, where, name)


def _invalid(where: str, name: str) -> str:
    return _("%(file)s: %(property)s is not valid.") % {"file": where, "property": name}
