"""Issue a credential from the command line (imports); prints its absolute public URL."""

from django.core.management.base import BaseCommand, CommandError

from credentials.documents import credential_url
from credentials.models import Achievement
from credentials.services import credential_issue
from lms.people.models import Participant


class Command(BaseCommand):
    help = "Issue ACHIEVEMENT to the participant USERNAME and print the credential's public URL."

    def add_arguments(self, parser):
        parser.add_argument("--participant", required=True, help="The participant's username.")
        parser.add_argument("--achievement", required=True, help="The achievement's slug.")

    def handle(self, *args, participant, achievement, **options):
        try:
            holder = Participant.objects.select_related("user", "organization").get(
                user__username=participant
            )
        except Participant.DoesNotExist as exc:
            raise CommandError(f"No participant with the username {participant!r}.") from exc
        try:
            earned = Achievement.objects.get(slug=achievement)
        except Achievement.DoesNotExist as exc:
            raise CommandError(f"No achievement with the slug {achievement!r}.") from exc
        credential, created = credential_issue(participant=holder, achievement=earned, source="")
        if not created:
            self.stderr.write("Already held (the achievement does not allow renewal).")
        self.stdout.write(credential_url(credential.public_id))
