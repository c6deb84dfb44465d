from django.db import migrations

from lms.append_only import install_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [install_triggers("audit_auditevent")]
