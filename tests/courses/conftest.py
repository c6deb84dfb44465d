import pytest

from courses.h5p.services import h5p_package_import
from courses.services import enrollment_create

from .factories import (
    course_page,
    h5p_block,
    make_zip,
    minimal_package_files,
    module_page,
    samples_dir,
)


@pytest.fixture
def h5p_samples():
    folder = samples_dir()
    if not folder.is_dir() or not any(folder.glob("*.h5p")):
        pytest.skip(f"H5P samples folder absent ({folder}); set H5P_SAMPLES_DIR to run these.")
    return folder


@pytest.fixture
def truefalse(h5p_samples, db):
    with (h5p_samples / "truefalse.h5p").open("rb") as upload:
        package, _created = h5p_package_import(upload)
    return package


@pytest.fixture
def course(db):
    return course_page()


@pytest.fixture
def module(course):
    return module_page(course)


@pytest.fixture
def enrolled(participant, course):
    enrollment, _created = enrollment_create(participant=participant, course=course)
    return enrollment


@pytest.fixture
def package(db):
    return h5p_package_import(make_zip(minimal_package_files()))[0]


@pytest.fixture
def h5p_module(course, package):
    return module_page(course, slug="quiz", blocks=[h5p_block(package, block_id="quiz-1")])
