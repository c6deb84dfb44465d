"""The demo courses: one per sector, real modules with knowledge checks, idempotent."""

import io

import pytest

from courses.demo import seed_courses
from courses.models import CoursePage, Enrollment, H5PPackage, ModulePage, SectorPage
from lms.people.demo import seed_people

pytestmark = pytest.mark.django_db


def test_seed_demo_courses_is_complete_and_idempotent(monkeypatch, tmp_path):
    monkeypatch.setenv("H5P_SAMPLES_DIR", str(tmp_path / "absent"))
    seed_people(io.StringIO())
    seed_courses(io.StringIO())
    seed_courses(io.StringIO())
    assert SectorPage.objects.count() == 5
    assert CoursePage.objects.live().count() == 5
    modules = ModulePage.objects.live()
    assert modules.count() == 10
    for module in modules:
        kinds = [block.block_type for block in module.body]
        assert "knowledge_check" in kinds and "text" in kinds
        assert "lorem" not in str(module.body.raw_data).lower()
    assert Enrollment.objects.filter(participant__user__username="participant.chrysalis.1").exists()
    assert not H5PPackage.objects.exists()


def test_seed_demo_places_the_samples(h5p_samples, monkeypatch):
    monkeypatch.setenv("H5P_SAMPLES_DIR", str(h5p_samples))
    seed_courses(io.StringIO())
    module = ModulePage.objects.get(slug="troubleshooting-step-by-step")
    placed = [b.value["package"].main_library for b in module.body if b.block_type == "h5p"]
    assert placed == ["H5P.TrueFalse", "H5P.MultiChoice"]
