"""Demo and scale seeding are idempotent."""

from credentials.models import Credential


def test_scale_seed_issues_every_third_participant_once(db):
    from credentials.demo import seed_scale_credentials
    from tests.factories import ParticipantFactory

    people = ParticipantFactory.create_batch(6)
    seed_scale_credentials(None, people)
    seed_scale_credentials(None, people)
    assert Credential.objects.filter(source__startswith="scale:").count() == 2


def test_seed_demo_twice_creates_nothing_new(db):
    from credentials.demo import seed_credentials
    from lms.people.demo import seed_people

    seed_people()
    seed_credentials()
    count = Credential.objects.count()
    seed_credentials()
    assert Credential.objects.count() == count > 0
