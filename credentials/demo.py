"""Demo issuers (the county office and the six partners), achievements and a few credentials."""

from django.db import transaction

from lms.people.models import Organization, Participant

from .models import Achievement, AchievementAlignment, Issuer
from .services import credential_issue, issuer_for_organization

# Public issuer names: the partners under their own names, except where a name would tell an
# employer that the holder was justice-involved (then the name the partner uses for short).
PUBLIC_ISSUER_NAMES = {"county": "County of Los Angeles", "arc": "ARC"}

ACHIEVEMENTS = [
    {
        "slug": "osha-10-construction",
        "name": "OSHA 10-Hour Construction",
        "description": "Completed the OSHA Outreach Training Program 10-hour course for the "
        "construction industry: hazard recognition, fall protection and worker rights.",
        "criteria": "Completed the 10-hour course with an authorized OSHA Outreach trainer "
        "and holds the Department of Labor card.",
        "sector": "construction",
        "achievement_type": "Certification",
        "defining_body": "U.S. Department of Labor, Occupational Safety and Health Administration",
        "field_of_study": "Construction safety",
        "alignment": ("OSHA Outreach Training Program", "https://www.osha.gov/training/outreach"),
    },
    {
        "slug": "cpr-bls",
        "name": "CPR and Basic Life Support",
        "description": "Certified in cardiopulmonary resuscitation and basic life support for "
        "adults, children and infants.",
        "criteria": "Passed the skills and written tests of an accredited BLS course.",
        "sector": "health_care",
        "achievement_type": "Certification",
        "defining_body": "American Heart Association",
        "field_of_study": "Basic life support",
        "validity_days": 730,
        "allows_renewal": True,
    },
    {
        "slug": "nabcep-pv-associate",
        "name": "NABCEP PV Associate",
        "description": "Demonstrated knowledge of the design, installation and maintenance of "
        "solar photovoltaic systems.",
        "criteria": "Passed the NABCEP PV Associate exam.",
        "sector": "green",
        "achievement_type": "Certification",
        "defining_body": "North American Board of Certified Energy Practitioners",
        "field_of_study": "Solar photovoltaic systems",
        "validity_days": 1095,
        "allows_renewal": True,
    },
    {
        "slug": "comptia-a-plus",
        "name": "CompTIA A+",
        "description": "Certified in hardware, operating systems, networking, security and "
        "troubleshooting for IT support roles.",
        "criteria": "Passed both CompTIA A+ Core exams.",
        "sector": "it",
        "achievement_type": "Certification",
        "defining_body": "CompTIA",
        "field_of_study": "IT support",
        "validity_days": 1095,
        "allows_renewal": True,
    },
    {
        "slug": "construction-readiness",
        "name": "Construction Trades Readiness",
        "description": "Completed a pre-apprenticeship course in tools, blueprint reading, "
        "site safety and trade math.",
        "criteria": "Completed every module of the construction trades course, with its "
        "knowledge checks.",
        "sector": "construction",
        "achievement_type": "Course",
        "field_of_study": "Construction trades",
    },
    {
        "slug": "it-support-foundations",
        "name": "IT Support Foundations",
        "description": "Completed a course in computer hardware, help-desk practice and "
        "customer communication.",
        "criteria": "Completed every module of the IT support course, with its knowledge checks.",
        "sector": "it",
        "achievement_type": "Course",
        "field_of_study": "IT support",
    },
    {
        "slug": "workplace-problem-solving",
        "name": "Workplace Problem Solving and Communication",
        "description": "Practiced structured problem solving, planning, and clear, respectful "
        "communication with co-workers and supervisors in a group setting.",
        "criteria": "Took part in every session of a facilitated group skills curriculum and "
        "completed its practice exercises.",
        "sector": "workplace",
        "achievement_type": "Competency",
        "field_of_study": "Workplace skills",
    },
]

DEMO_AWARDS = [
    ("participant.chrysalis.1", "osha-10-construction"),
    ("participant.chrysalis.1", "workplace-problem-solving"),
    ("participant.ace.1", "comptia-a-plus"),
    ("participant.arc.1", "nabcep-pv-associate"),
]


def _page_for(slug: str):
    """Link course/curriculum achievements to demo pages when those apps have seeded them."""
    from wagtail.models import Page

    wanted = {
        "construction-readiness": ("courses.CoursePage", "construction"),
        "it-support-foundations": ("courses.CoursePage", "it"),
        "workplace-problem-solving": ("cbi_curriculum.CurriculumPage", ""),
    }.get(slug)
    if not wanted:
        return None
    from django.apps import apps

    try:
        model = apps.get_model(wanted[0])
    except LookupError:
        return None
    pages = model.objects.all()
    if wanted[1]:
        pages = pages.filter(slug__icontains=wanted[1])
    page = pages.first()
    return Page.objects.get(pk=page.pk) if page else None


def seed_credentials(stdout=None):
    with transaction.atomic():
        for organization in Organization.objects.all():
            issuer = issuer_for_organization(
                organization, name=PUBLIC_ISSUER_NAMES.get(organization.slug, "")
            )
            wanted = PUBLIC_ISSUER_NAMES.get(organization.slug)
            if wanted and issuer.name != wanted:
                Issuer.objects.filter(pk=issuer.pk).update(name=wanted)
        for spec in ACHIEVEMENTS:
            spec = dict(spec)
            alignment = spec.pop("alignment", None)
            achievement, created = Achievement.objects.get_or_create(
                slug=spec["slug"], defaults=spec
            )
            if achievement.earned_by_page_id is None:
                page = _page_for(achievement.slug)
                if page is not None:
                    achievement.earned_by_page = page
                    achievement.save(update_fields=["earned_by_page"])
            if created and alignment:
                AchievementAlignment.objects.create(
                    achievement=achievement, target_name=alignment[0], target_url=alignment[1]
                )
        issued = 0
        for username, slug in DEMO_AWARDS:
            participant = Participant.objects.filter(user__username=username).first()
            if participant is None:
                continue
            _credential, created = credential_issue(
                participant=participant,
                achievement=Achievement.objects.get(slug=slug),
                source=f"demo:{username}:{slug}",
            )
            issued += int(created)
    if stdout is not None:
        stdout.write(
            f"Credentials: {len(ACHIEVEMENTS)} achievements, {issued} new demo credentials."
        )


def seed_scale_credentials(stdout, participants):
    """Benchmark data: every third participant holds a course badge (idempotent)."""
    seed_credentials()
    badges = list(
        Achievement.objects.filter(slug__in=["construction-readiness", "it-support-foundations"])
    )
    issued = 0
    with transaction.atomic():
        for position, participant in enumerate(participants):
            if position % 3:
                continue
            achievement = badges[position % len(badges)]
            _credential, created = credential_issue(
                participant=participant,
                achievement=achievement,
                source=f"scale:{participant.pk}:{achievement.slug}",
            )
            issued += int(created)
    if stdout is not None:
        stdout.write(f"Credentials: {issued} new scale credentials.")
