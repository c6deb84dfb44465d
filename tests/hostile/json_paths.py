"""Every value of a JSON document by its path, and a copy with one value replaced."""

import json


def leaf_paths(document: dict, prefix=()):
    for name, value in document.items():
        yield (*prefix, name)
        if isinstance(value, dict):
            yield from leaf_paths(value, (*prefix, name))


def replaced(document: dict, path: tuple, value) -> dict:
    copy = json.loads(json.dumps(document))
    target = copy
    for name in path[:-1]:
        target = target[name]
    target[path[-1]] = value
    return copy
