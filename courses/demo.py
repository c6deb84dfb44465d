"""Seed the demo courses (idempotent): sectors, courses, modules, H5P samples, enrollments."""

import json
import os
import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from wagtail.models import Page

from lms.people.models import Participant

from .demo_content import SECTORS
from .h5p.checks import H5PPackageError
from .h5p.services import h5p_package_import
from .models import CoursePage, ModulePage, SectorPage
from .services import enrollment_create

PLACED_SAMPLES = {"information-technology": ["truefalse.h5p", "multichoice.h5p"]}


def h5p_samples_dir() -> Path:
    """The third-party sample packages: ``../shared/h5p-samples`` or $H5P_SAMPLES_DIR."""
    default = Path(settings.BASE_DIR).parent / "shared" / "h5p-samples"
    return Path(os.environ.get("H5P_SAMPLES_DIR", default))


def import_samples(stdout) -> dict:
    folder = h5p_samples_dir()
    packages = {}
    if not folder.is_dir():
        stdout.write(f"H5P samples not found at {folder}; courses use knowledge checks only.")
        return packages
    for path in sorted(folder.glob("*.h5p")):
        try:
            with path.open("rb") as upload:
                packages[path.name], _created = h5p_package_import(upload)
        except H5PPackageError as error:
            stdout.write(f"Skipped {path.name}: {error.code}")
    return packages


def module_body(module: dict, packages: list) -> str:
    blocks = [
        {"type": "text", "value": module["text"]},
        {"type": "callout", "value": {"kind": module["callout"][0], "text": module["callout"][1]}},
    ]
    for package in packages:
        blocks.append(
            {
                "type": "h5p",
                "value": {"package": package.pk, "title": package.title, "completion": "score"},
            }
        )
    blocks.append({"type": "knowledge_check", "value": module["check"]})
    for block in blocks:
        block["id"] = str(uuid.uuid4())
    return json.dumps(blocks)


def add_child(parent, page):
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific, False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def seed_courses(stdout) -> None:
    home = Page.objects.filter(depth=2).first()
    if home is None:
        stdout.write("No home page; skipping demo courses.")
        return
    packages = import_samples(stdout)
    created_count = 0
    courses = []
    for sector in SECTORS:
        sector_page, _ = add_child(
            home,
            SectorPage(
                title=sector["title"],
                slug=sector["slug"],
                intro=sector["intro"],
                show_in_menus=True,
            ),
        )
        data = sector["course"]
        course, _ = add_child(
            sector_page,
            CoursePage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                expected_hours=Decimal(data["hours"]),
                pass_mark_percent=80,
            ),
        )
        courses.append(course)
        placed = [
            packages[name] for name in PLACED_SAMPLES.get(sector["slug"], []) if name in packages
        ]
        for index, module in enumerate(data["modules"]):
            page, created = add_child(
                course,
                ModulePage(
                    title=module["title"],
                    slug=module["slug"],
                    intro=module["intro"],
                    expected_minutes=module["minutes"],
                    body=module_body(module, placed if index == 0 else []),
                ),
            )
            created_count += created
            if (
                not created
                and index == 0
                and placed
                and not any(block.block_type == "h5p" for block in page.body)
            ):
                page.body = module_body(module, placed)
                page.save_revision().publish()
    demo_people = Participant.objects.filter(user__username__startswith="participant.")
    for index, participant in enumerate(demo_people.order_by("user__username")):
        # Everyone takes the IT course (it holds the H5P samples) and one more by turns.
        for course in {courses[1], courses[index % len(courses)]}:
            enrollment_create(participant=participant, course=course)
    stdout.write(
        f"Courses: {len(courses)} courses, {created_count} new modules, "
        f"{len(packages)} H5P packages."
    )


def seed_scale_courses(stdout, participants) -> None:
    """Benchmark data: enrollments and completions over a year for the scale participants."""
    import random
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from .models import Enrollment, ModuleCompletion
    from .selectors import modules_of

    with transaction.atomic():
        seed_courses(stdout)
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data, not security
    courses = list(CoursePage.objects.live().order_by("path"))
    modules = modules_of(courses)
    today = timezone.localdate()
    enrollments, completions = [], []
    for participant in participants:
        for course in rng.sample(courses, k=min(2, len(courses))):
            course_modules = modules[course.pk]
            done = rng.randint(0, len(course_modules))
            day = today - timedelta(days=rng.randrange(0, 365))
            for module in course_modules[:done]:
                completions.append(
                    ModuleCompletion(
                        participant=participant, module=module, course=course, completed_on=day
                    )
                )
            enrollments.append(
                Enrollment(
                    participant=participant,
                    course=course,
                    completed_on=day if course_modules and done == len(course_modules) else None,
                )
            )
    with transaction.atomic():
        Enrollment.objects.bulk_create(enrollments, ignore_conflicts=True)
        ModuleCompletion.objects.bulk_create(completions, ignore_conflicts=True)
    stdout.write(f"Courses: {len(enrollments)} enrollments, {len(completions)} module completions.")
