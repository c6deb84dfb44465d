"""Extension points for pages owned by lms and filled by the plugins.

Plugins register functions with Wagtail's hook registry (in their ``wagtail_hooks.py``):

- ``participant_dashboard_panels``: fn(request, participant) -> Panel | None, shown on /me/
- ``participant_detail_panels``: fn(request, participant) -> Panel | None, shown to staff
- ``participant_nav_items`` / ``staff_nav_items``: fn(request) -> list[NavItem]

lms itself imports none of the plugins; it only asks the registry.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass
class NavItem:
    label: str
    url: str
    order: int = 100


def collect_panels(hook_name: str, request, participant) -> list[Panel]:
    panels = [fn(request, participant) for fn in hooks.get_hooks(hook_name)]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


def collect_nav(hook_name: str, request) -> list[NavItem]:
    items = []
    for fn in hooks.get_hooks(hook_name):
        items.extend(fn(request) or [])
    return sorted(items, key=lambda item: item.order)
