"""Report options, read from ``settings.REPORTS`` (a dict) with these defaults.

- ``PROGRAM_YEAR_START_MONTH`` (7): the month a program (fiscal) year starts; quarters follow it.
  Los Angeles County and the Prop 47 grant both run July to June.
- ``SUPPRESS_BELOW`` (11): counts of people smaller than this are shown as "<11" wherever
  figures leave a partner's scope.
- ``MAX_RANGE_DAYS`` (1100): the longest range a dashboard or export may cover (about three years).
"""

from django.conf import settings

DEFAULTS = {"PROGRAM_YEAR_START_MONTH": 7, "SUPPRESS_BELOW": 11, "MAX_RANGE_DAYS": 1100}


class AppSettings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(name)
        return getattr(settings, "REPORTS", {}).get(name, DEFAULTS[name])


app_settings = AppSettings()
