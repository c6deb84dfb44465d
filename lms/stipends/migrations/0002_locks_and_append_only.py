from django.db import migrations

from lms.append_only import install_triggers
from lms.stipends.locking import install_lock_triggers


class Migration(migrations.Migration):
    dependencies = [("stipends", "0001_initial")]

    operations = [
        install_lock_triggers(),
        install_triggers("stipends_stipendpolicy"),
        install_triggers("stipends_incentiverule"),
        install_triggers("stipends_milestonereached"),
        install_triggers("stipends_settledhours"),
        install_triggers("stipends_paidincentive"),
        install_triggers("stipends_timesheet"),
    ]
