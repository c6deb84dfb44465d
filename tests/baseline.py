"""What the data migrations create, recreated after a transactional test flushed it.

Transactional tests (browser tests, races) empty every table when they finish, including the
program's organizations, the role groups and Wagtail's root and home pages that migrations
made. Each transactional test starts by putting them back, so test order never matters.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale, Page, Site

from lms.home.models import HomePage
from lms.people.models import Organization
from lms.people.program import ORGANIZATIONS
from lms.people.roles import ROLE_GROUPS


def ensure_baseline() -> None:
    for org in ORGANIZATIONS:
        Organization.objects.get_or_create(slug=org["slug"], defaults=org)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in ROLE_GROUPS.values():
        group, _created = Group.objects.get_or_create(name=name)
        if access is not None:
            group.permissions.add(access)
    if Page.objects.filter(depth=2).exists():
        return
    Locale.objects.get_or_create(language_code="en")
    root = Page.objects.filter(depth=1).first() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Training for careers that last", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
