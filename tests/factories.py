"""Factories for the program core. Plugin factories live beside their tests (tests/<app>/)."""

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from lms.hours.models import HoursEntry, HoursKind
from lms.people.models import Organization, Participant, User
from lms.people.roles import Role
from lms.people.services import role_groups_sync

TEST_PASSWORD = "correct horse battery"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Organization.Kind.PARTNER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.CASE_MANAGER
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        """Staff get a TOTP authenticator unless ``mfa=False``; participants never."""
        obj.save()
        role_groups_sync(obj)
        wants = extracted if extracted is not None else obj.role != Role.PARTICIPANT
        if create and wants and not Authenticator.objects.filter(user=obj).exists():
            TOTP.activate(obj, TEST_TOTP_SECRET)


class StaffFactory(UserFactory):
    role = Role.CASE_MANAGER


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(
        UserFactory,
        role=Role.PARTICIPANT,
        organization=factory.SelfAttribute("..organization"),
        first_name=factory.SelfAttribute("..preferred_name"),
    )
    preferred_name = factory.Faker("first_name")
    legal_name = factory.LazyAttribute(lambda p: f"{p.preferred_name} Example")
    enrollment_date = factory.LazyFunction(timezone.localdate)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursEntry

    participant = factory.SubFactory(ParticipantFactory)
    kind = HoursKind.COACHING
    minutes = 60
    date = factory.LazyFunction(timezone.localdate)
    source = factory.Sequence(lambda n: f"test:{n}")
