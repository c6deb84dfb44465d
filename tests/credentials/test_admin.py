"""The Wagtail admin forms for achievements and issuers render and save."""

import pytest
from django.urls import reverse

from credentials.models import Achievement
from lms.people.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def editor(county):
    user = UserFactory(username="editor", role=Role.PROGRAM_ADMIN, organization=county)
    user.is_superuser = True
    user.save()
    return user


def test_achievement_snippet_forms_render(client_for, editor, achievement):
    client = client_for(editor)
    add = client.get(reverse("wagtailsnippets_credentials_achievement:add"))
    assert add.status_code == 200
    assert "earned_by_page" in add.content.decode()
    edit = client.get(
        reverse("wagtailsnippets_credentials_achievement:edit", args=[achievement.pk])
    )
    assert edit.status_code == 200


def test_achievement_with_forbidden_words_is_not_saved_from_the_admin(client_for, editor):
    client = client_for(editor)
    response = client.post(
        reverse("wagtailsnippets_credentials_achievement:add"),
        {
            "name": "Diversion Program Graduate",
            "slug": "diversion-graduate",
            "description": "x",
            "criteria": "y",
            "sector": "workplace",
            "achievement_type": "Badge",
            "alignments-TOTAL_FORMS": "0",
            "alignments-INITIAL_FORMS": "0",
            "alignments-MIN_NUM_FORMS": "0",
            "alignments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "must not mention" in response.content.decode()
    assert not Achievement.objects.filter(slug="diversion-graduate").exists()


def test_issuer_snippet_edit_renders(client_for, editor, credential):
    response = client_for(editor).get(
        reverse("wagtailsnippets_credentials_issuer:edit", args=[credential.issuer.pk])
    )
    assert response.status_code == 200
    assert "encrypted" not in response.content.decode()
