"""Course pages and H5P packages for tests: built through Wagtail's tree, not the database."""

import io
import json
import os
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from wagtail.models import Page

from courses.models import CoursePage, ModulePage, SectorPage

KNOWLEDGE_CHECK = {
    "title": "Safety check",
    "questions": [
        {
            "prompt": "What do you wear on your head on site?",
            "answers": [
                {"text": "A hard hat", "correct": True, "feedback": "Yes, always."},
                {"text": "A cap", "correct": False, "feedback": "A cap does not protect you."},
            ],
        },
        {
            "prompt": "What causes the most deaths in construction?",
            "answers": [
                {"text": "Noise", "correct": False, "feedback": "Noise hurts hearing."},
                {"text": "Falls", "correct": True, "feedback": "Right."},
            ],
        },
    ],
}


def samples_dir() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "h5p-samples"
    return Path(os.environ.get("H5P_SAMPLES_DIR", default))


def block(kind: str, value, block_id: str | None = None) -> dict:
    return {"type": kind, "value": value, "id": block_id or str(uuid.uuid4())}


def check_block(block_id=None) -> dict:
    return block("knowledge_check", KNOWLEDGE_CHECK, block_id)


def h5p_block(package, block_id=None, completion="score") -> dict:
    return block(
        "h5p", {"package": package.pk, "title": package.title, "completion": completion}, block_id
    )


def home_page() -> Page:
    """The site's home page; recreated when a transactional test flushed the migration's one."""
    home = Page.objects.filter(depth=2).first()
    if home is not None:
        return home
    from wagtail.models import Locale, Site

    from lms.home.models import HomePage

    Locale.objects.get_or_create(language_code="en")
    root = Page.objects.filter(depth=1).first() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


def sector_page(slug="construction", title="Construction trades") -> SectorPage:
    home = home_page()
    existing = SectorPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    page = SectorPage(title=title, slug=slug)
    home.add_child(instance=page)
    return page


def course_page(sector=None, slug="site-basics", title="Site basics", pass_mark=80) -> CoursePage:
    sector = sector or sector_page()
    page = CoursePage(
        title=title, slug=slug, expected_hours=Decimal("2.0"), pass_mark_percent=pass_mark
    )
    sector.add_child(instance=page)
    return page


def module_page(course, slug="safety", title="Staying safe", blocks=None, minutes=30):
    page = ModulePage(
        title=title,
        slug=slug,
        expected_minutes=minutes,
        body=json.dumps(blocks if blocks is not None else [check_block()]),
    )
    course.add_child(instance=page)
    return page


def make_zip(files: dict, *, symlinks=()) -> io.BytesIO:
    """A zip in memory; values are bytes or str. ``symlinks`` names members stored as links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = 0o120777 << 16
            archive.writestr(info, data)
    buffer.seek(0)
    return buffer


def minimal_package_files(**overrides) -> dict:
    """The smallest valid package: one library with one script."""
    files = {
        "h5p.json": json.dumps(
            {
                "title": "Tiny question",
                "language": "en",
                "mainLibrary": "H5P.Tiny",
                "embedTypes": ["iframe"],
                "license": "CC BY",
                "authors": [{"name": "Test Author", "role": "Author"}],
                "preloadedDependencies": [
                    {"machineName": "H5P.Tiny", "majorVersion": 1, "minorVersion": 0}
                ],
            }
        ),
        "content/content.json": json.dumps({"question": "Is this tiny?"}),
        "H5P.Tiny-1.0/library.json": json.dumps(
            {
                "title": "Tiny",
                "machineName": "H5P.Tiny",
                "majorVersion": 1,
                "minorVersion": 0,
                "patchVersion": 3,
                "runnable": 1,
                "preloadedJs": [{"path": "tiny.js"}],
            }
        ),
        "H5P.Tiny-1.0/tiny.js": "window.tiny = true;",
    }
    files.update(overrides)
    return {name: data for name, data in files.items() if data is not None}
