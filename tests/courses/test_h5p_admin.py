"""Staff upload H5P packages in the Wagtail admin; a bad file gets its specific error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import H5PPackage
from tests.factories import UserFactory

from .factories import make_zip, minimal_package_files

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_courses_h5ppackage:add"


@pytest.fixture
def editor(client_for, county):
    from lms.people.roles import Role

    user = UserFactory(
        username="content.editor", role=Role.PROGRAM_ADMIN, organization=county, is_superuser=True
    )
    client_for(user)
    return user


def upload(client, data: bytes, title=""):
    file = SimpleUploadedFile("package.h5p", data, content_type="application/zip")
    return client.post(reverse(ADD), {"title": title, "package": file})


def test_upload_creates_the_package(client, editor):
    response = upload(client, make_zip(minimal_package_files()).getvalue())
    assert response.status_code == 302, response.content[:2000]
    package = H5PPackage.objects.get()
    assert package.title == "Tiny question"
    assert package.uploaded_by == editor


def test_bad_upload_shows_the_specific_error(client, editor):
    bad = make_zip(minimal_package_files(**{"content/run.php": "<?php ?>"})).getvalue()
    response = upload(client, bad)
    assert response.status_code == 200
    errors = response.context["form"].errors["package"]
    assert errors == ["H5P does not accept .php files in the content folder: content/run.php"]
    assert "does not accept .php files" in response.content.decode()
    assert not H5PPackage.objects.exists()


def test_participant_cannot_open_the_admin(client_for, participant):
    response = client_for(participant.user).get(reverse(ADD))
    assert response.status_code in (302, 403)
    assert not H5PPackage.objects.exists()


def test_editing_changes_only_the_title(client, editor):
    upload(client, make_zip(minimal_package_files()).getvalue())
    package = H5PPackage.objects.get()
    url = reverse("wagtailsnippets_courses_h5ppackage:edit", args=[package.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Renamed"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Renamed"


def test_module_editor_opens_with_its_blocks(client, editor):
    from .factories import course_page, module_page

    course = course_page()
    module = module_page(course)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))
    assert edit.status_code == 200
    add = client.get(reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk]))
    assert add.status_code == 200
