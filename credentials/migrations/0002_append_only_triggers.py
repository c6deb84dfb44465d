from django.db import migrations

from credentials.models import CREDENTIAL_UPDATE_ALLOWED
from lms.append_only import install_triggers


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [
        install_triggers("credentials_credential", update_allowed_when=CREDENTIAL_UPDATE_ALLOWED)
    ]
