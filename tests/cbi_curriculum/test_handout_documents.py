"""Handout documents (/documents/<id>/<file>) go only to the people of a group that uses the
lesson; course documents only to enrolled participants and staff; others as their collection
says."""

import json
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cbi_curriculum.documents import HANDOUTS_COLLECTION, handout_collection
from cbi_curriculum.models import MakeUp
from courses.services import enrollment_create
from lms.people.roles import Role
from tests.courses.factories import block, course_page, module_page
from tests.factories import ParticipantFactory, UserFactory

from .factories import GroupMemberFactory, GroupSessionFactory, build_curriculum

pytestmark = pytest.mark.django_db
Document = get_document_model()


def make_document(title="Skill card", collection=None) -> Document:
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save("skill-card.txt", ContentFile(b"1. Stop. 2. Think."), save=False)
    document.save()
    return document


def add_handout(lesson, document):
    lesson.handouts = [("document", {"title": "Card", "document": document, "document_es": None})]
    lesson.save_revision().publish()


@pytest.fixture
def handout(lessons):
    document = make_document(collection=handout_collection())
    add_handout(lessons[0], document)
    return document


def status(client, document):
    return client.get(document.url).status_code


def test_anonymous_visitor_is_sent_to_sign_in(client, handout):
    response = client.get(handout.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_group_member_downloads_the_handout(client_for, member, handout):
    response = client_for(member.user).get(handout.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"1. Stop. 2. Think."
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["facilitator", "case_manager", "partner_admin", "program_admin"])
def test_staff_of_the_group_organization_download_it(request, client_for, group, handout, who):
    assert status(client_for(request.getfixturevalue(who)), handout) == 200


def test_other_partners_staff_and_participants_are_refused(
    client_for, group, handout, other_case_manager, other_partner_admin, other_participant
):
    for user in (other_case_manager, other_partner_admin, other_participant.user):
        assert status(client_for(user), handout) == 403


def test_other_partner_running_another_curriculum_is_refused(
    client_for, group, handout, other_org, other_case_manager
):
    from .factories import GroupFactory

    GroupFactory(organization=other_org, curriculum=build_curriculum(lessons=1, title="Other"))
    assert status(client_for(other_case_manager), handout) == 403


def test_participant_not_in_the_group_is_refused(client_for, org, case_manager, group, handout):
    outsider = ParticipantFactory(organization=org, case_manager=case_manager)
    assert status(client_for(outsider.user), handout) == 403


def test_member_who_left_is_refused(client_for, group, participant, handout):
    GroupMemberFactory(
        group=group, participant=participant, left_on=timezone.localdate() - timedelta(days=1)
    )
    assert status(client_for(participant.user), handout) == 403


def test_make_up_booking_into_that_lesson_allows_it(
    client_for, group, lessons, handout, other_participant, case_manager
):
    session = GroupSessionFactory(group=group, lesson=lessons[0], sequence=1)
    assert status(client_for(other_participant.user), handout) == 403
    MakeUp.objects.create(participant=other_participant, session=session, booked_by=case_manager)
    assert status(client_for(other_participant.user), handout) == 200


def test_editor_with_document_permission_downloads_it(client_for, handout, other_org):
    from django.contrib.auth.models import Group as AuthGroup
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission

    editor = UserFactory(username="south.editor", role=Role.FACILITATOR, organization=other_org)
    assert status(client_for(editor), handout) == 403
    editors = AuthGroup.objects.create(name="Document editors")
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="change_document"),
    )
    editor.groups.add(editors)
    assert status(client_for(editor), handout) == 200


def test_sequential_ids_reveal_nothing_to_a_curious_participant(
    client_for, handout, other_participant
):
    for pk in range(handout.pk - 2, handout.pk + 3):
        response = client_for(other_participant.user).get(f"/documents/{pk}/skill-card.txt")
        assert response.status_code in (403, 404)


def test_new_handout_is_protected_the_moment_it_is_published(
    settings, client_for, lessons, group, other_participant
):
    """The reference index is updated on save, not on the task worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = make_document(title="New handout")
    assert status(client_for(other_participant.user), document) == 200  # public, unused
    add_handout(lessons[1], document)
    assert status(client_for(other_participant.user), document) == 403


def test_unused_document_follows_its_collection(client, client_for, participant):
    public = make_document(title="Brochure")
    private = make_document(title="Draft handout", collection=handout_collection())
    assert status(client, public) == 200
    assert client.get(private.url).status_code == 302
    assert status(client_for(participant.user), private) == 200


def test_handouts_collection_requires_sign_in():
    collection = handout_collection()
    assert collection.name == HANDOUTS_COLLECTION
    assert collection is not None and handout_collection().pk == collection.pk
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert restriction.restriction_type == CollectionViewRestriction.LOGIN


# --- documents used by course modules ---------------------------------------------------------


@pytest.fixture
def module_document(db):
    document = make_document(title="Tool safety sheet")
    course = course_page()
    module_page(course, blocks=[block("document", {"document": document.pk, "label": ""})])
    return document, course


def test_course_document_goes_to_enrolled_participants_and_staff(
    client, client_for, module_document, participant, other_participant, other_case_manager
):
    document, course = module_document
    assert client.get(document.url).status_code == 302
    assert status(client_for(participant.user), document) == 403
    enrollment_create(participant=participant, course=course)
    assert status(client_for(participant.user), document) == 200
    assert status(client_for(other_participant.user), document) == 403
    assert status(client_for(other_case_manager), document) == 200


def test_document_in_a_lesson_and_a_module_goes_to_either_audience(
    client_for, lessons, group, module_document, other_participant
):
    document, course = module_document
    add_handout(lessons[0], document)
    assert status(client_for(other_participant.user), document) == 403
    enrollment_create(participant=other_participant, course=course)
    assert status(client_for(other_participant.user), document) == 200


# --- existing handouts and the demo -----------------------------------------------------------


def test_migration_moves_existing_handouts_into_the_private_collection(lessons):
    document = make_document(title="Old handout")
    add_handout(lessons[2], document)
    Document.objects.filter(pk=document.pk).update(collection=Collection.get_first_root_node())
    migration = import_module("cbi_curriculum.migrations.0002_handouts_in_private_collection")
    migration.forwards(apps, None)
    document.refresh_from_db()
    assert document.collection.name == HANDOUTS_COLLECTION
    assert document.collection.get_view_restrictions().exists()


def test_demo_handout_is_in_the_private_collection(db):
    from cbi_curriculum.demo import DEMO_HANDOUT_TITLE, seed_curriculum, seed_handout_document

    curriculum = seed_curriculum()
    seed_handout_document(curriculum)
    seed_handout_document(curriculum)  # idempotent
    document = Document.objects.get(title=DEMO_HANDOUT_TITLE)
    assert document.collection.name == HANDOUTS_COLLECTION
    lesson = curriculum.lessons().get(number=1)
    assert str(document.pk) in json.dumps(list(lesson.handouts.raw_data))
