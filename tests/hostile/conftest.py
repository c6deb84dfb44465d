"""The fixtures of the apps' own suites, for the hostile-input suite."""

from tests.cbi_curriculum.conftest import (  # noqa: F401 - fixtures
    curriculum,
    group,
    lessons,
    member,
    open_session,
    session,
)
from tests.courses.conftest import course, enrolled, h5p_module, package  # noqa: F401
from tests.credentials.conftest import (  # noqa: F401 - fixtures
    achievement,
    industry_achievement,  # noqa: E402, F401 - fixtures
    issue,
)
from tests.stipends.conftest import period, policy  # noqa: E402, F401 - fixtures
from tests.stipends.test_timesheet_import import placement  # noqa: E402, F401 - fixtures
