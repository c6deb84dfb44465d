"""Public credential text never reveals justice involvement, a reentry program, or health."""

import json

import pytest
from django.core.exceptions import ValidationError

from credentials.demo import seed_credentials
from credentials.fair_chance import FORBIDDEN_TERMS, forbidden_terms_in
from credentials.models import Achievement, Credential, Issuer
from lms.people.demo import seed_people
from tests.credentials.factories import AchievementFactory


@pytest.fixture
def demo(db):
    seed_people()
    seed_credentials()


def test_detector_finds_each_forbidden_term():
    for term in FORBIDDEN_TERMS:
        assert forbidden_terms_in(f"Graduate of the {term.title()} Program"), term
    assert forbidden_terms_in("Workplace Problem Solving and Communication") == []


def test_demo_issuers_and_achievements_are_clean(demo):
    assert Issuer.objects.count() == 7
    for issuer in Issuer.objects.all():
        assert forbidden_terms_in(issuer.name) == [], issuer.name
    for achievement in Achievement.objects.all():
        text = " ".join(
            [
                achievement.name,
                achievement.description,
                achievement.criteria,
                achievement.defining_body,
                achievement.field_of_study,
            ]
        )
        assert forbidden_terms_in(text) == [], achievement.slug


def test_cbi_badge_names_skills_not_the_intervention(demo):
    badge = Achievement.objects.get(slug="workplace-problem-solving")
    assert "problem solving" in badge.name.lower() and "communication" in badge.name.lower()
    assert "cbi" not in (badge.name + badge.description + badge.criteria).lower()


def test_public_pages_files_and_images_of_demo_credentials_are_clean(demo, client):
    assert Credential.objects.exists()
    for credential in Credential.objects.all():
        page = client.get(f"/credentials/c/{credential.public_id}").content.decode()
        assert 'data-status="verified"' in page
        document = client.get(f"/credentials/c/{credential.public_id}.json").content.decode()
        png = client.get(f"/credentials/c/{credential.public_id}.png").content
        for text in (page, document, png.decode("latin-1")):
            assert forbidden_terms_in(text) == [], credential.achievement.slug
        assert "sector" not in json.loads(document)["issuer"]["name"].lower()


def test_achievement_with_forbidden_words_is_refused(db):
    achievement = AchievementFactory.build(name="Reentry Program Graduate", slug="x")
    with pytest.raises(ValidationError) as error:
        achievement.full_clean()
    assert "name" in error.value.message_dict


def test_issuer_name_with_forbidden_words_is_refused(db):
    issuer = Issuer(name="Office of Diversion and Reentry", slug="x", url="https://x.example")
    with pytest.raises(ValidationError):
        issuer.full_clean(exclude=["organization"])
