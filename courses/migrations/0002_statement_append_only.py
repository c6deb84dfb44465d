from django.db import migrations

from lms.append_only import install_triggers


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [install_triggers("courses_statement")]
