import factory

from credentials.models import Achievement, AchievementType, Sector


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Achievement
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Forklift Safety {n}")
    slug = factory.Sequence(lambda n: f"forklift-safety-{n}")
    description = "Operates a forklift safely in a warehouse."
    criteria = "Passed the written and driving tests."
    sector = Sector.CONSTRUCTION
    achievement_type = AchievementType.BADGE


class IndustryAchievementFactory(AchievementFactory):
    name = factory.Sequence(lambda n: f"OSHA 10-Hour Construction {n}")
    slug = factory.Sequence(lambda n: f"osha-10-{n}")
    achievement_type = AchievementType.CERTIFICATION
    defining_body = "Occupational Safety and Health Administration"
