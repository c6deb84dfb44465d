"""Spanish as written in the United States: money and hours use a decimal point ($109.85),
as on the paychecks and forms participants see, instead of Spain's decimal comma."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s g:i a"
