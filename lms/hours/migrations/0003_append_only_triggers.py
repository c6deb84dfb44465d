from django.db import migrations

from lms.append_only import install_triggers
from lms.hours.models import DECISION_ONLY_UPDATE


class Migration(migrations.Migration):
    dependencies = [("hours", "0002_initial")]

    operations = [install_triggers("hours_hoursentry", update_allowed_when=DECISION_ONLY_UPDATE)]
