"""Stipend policies, milestones, pay periods and statements; paid work experience; job placements.

Money is ``Decimal`` with two places everywhere. An approved statement is locked: Python guards
and database triggers refuse any change to it or its lines.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lms.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
MONEY = {"max_digits": 10, "decimal_places": 2}


def cents(value) -> Decimal:
    """Round half up to cents, the way payroll does."""
    return Decimal(value).quantize(CENT, rounding="ROUND_HALF_UP")


class StipendKind(models.TextChoices):
    """Ledger kinds that earn a stipend (values match lms.hours.models.HoursKind)."""

    MODULE = "module", _("Online module")
    CBI_SESSION = "cbi_session", _("Group session")
    COACHING = "coaching", _("Coaching")


class MilestoneKind(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation done")
    CBI_COMPLETED = "cbi_completed", _("Group sessions curriculum completed")
    COURSE_COMPLETED = "course_completed", _("A training course completed")
    INDUSTRY_CREDENTIAL = "industry_credential", _("An industry credential earned")
    JOB_PLACEMENT = "job_placement", _("Started a job")
    RETENTION_30 = "retention_30", _("Still in the job after 30 days")
    RETENTION_90 = "retention_90", _("Still in the job after 90 days")
    RETENTION_180 = "retention_180", _("Still in the job after 180 days")


RETENTION_MILESTONES = {
    30: MilestoneKind.RETENTION_30,
    90: MilestoneKind.RETENTION_90,
    180: MilestoneKind.RETENTION_180,
}


class StipendPolicy(AppendOnlyModel):
    """One version of the program's stipend rules; it applies from ``effective_from`` on.

    Never edited: a change is a new version. Each statement keeps the version it used.
    """

    append_only_hint = "Add a new policy version instead."

    effective_from = models.DateField(_("effective from"), unique=True)
    module_rate = models.DecimalField(_("online module rate per hour"), **MONEY)
    cbi_session_rate = models.DecimalField(_("group session rate per hour"), **MONEY)
    coaching_rate = models.DecimalField(_("coaching rate per hour"), **MONEY)
    minimum_minutes = models.PositiveIntegerField(
        _("minimum approved minutes per period"),
        help_text=_("Below this many approved minutes in a period, no stipend is paid."),
    )
    period_cap = models.DecimalField(_("most paid per period"), **MONEY)
    year_cap = models.DecimalField(_("most paid per participant per program year"), **MONEY)
    year_start_month = models.PositiveSmallIntegerField(_("program year starts: month"), default=7)
    year_start_day = models.PositiveSmallIntegerField(_("program year starts: day"), default=1)
    period_days = models.PositiveSmallIntegerField(_("days in a pay period"), default=14)
    period_anchor = models.DateField(
        _("first day of a pay period"),
        help_text=_("Pay periods follow each other from this day on (and before it)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("stipend policy")
        verbose_name_plural = _("stipend policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(module_rate__gte=0)
                & Q(cbi_session_rate__gte=0)
                & Q(coaching_rate__gte=0)
                & Q(period_cap__gte=0)
                & Q(year_cap__gte=0),
                name="stipend_policy_money_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(period_days__gte=7) & Q(period_days__lte=31),
                name="stipend_policy_period_length",
            ),
            models.CheckConstraint(
                condition=Q(year_start_month__gte=1)
                & Q(year_start_month__lte=12)
                & Q(year_start_day__gte=1)
                & Q(year_start_day__lte=28),
                name="stipend_policy_year_start",
            ),
        ]

    def __str__(self):
        return f"Stipend policy from {self.effective_from}"

    def rate_for(self, kind: str) -> Decimal:
        return {
            StipendKind.MODULE: self.module_rate,
            StipendKind.CBI_SESSION: self.cbi_session_rate,
            StipendKind.COACHING: self.coaching_rate,
        }[kind]

    def period_containing(self, day: date) -> tuple[date, date]:
        offset = (day - self.period_anchor).days // self.period_days
        start = self.period_anchor + timedelta(days=offset * self.period_days)
        return start, start + timedelta(days=self.period_days - 1)

    def program_year_start(self, day: date) -> date:
        start = date(day.year, self.year_start_month, self.year_start_day)
        return start if start <= day else date(day.year - 1, self.year_start_month, start.day)


class IncentiveRule(AppendOnlyModel):
    """A fixed amount paid once per participant for a milestone, from ``effective_from`` on."""

    append_only_hint = "Add a new rule instead."

    milestone = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    effective_from = models.DateField(_("effective from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone", "-effective_from"]
        verbose_name = _("incentive rule")
        verbose_name_plural = _("incentive rules")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "effective_from"], name="incentive_rule_one_per_day"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="incentive_rule_amount"),
        ]

    def __str__(self):
        return f"{self.milestone}: {self.amount} from {self.effective_from}"


class MilestoneReached(AppendOnlyModel):
    """A participant reached a milestone, once (the first time counts)."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="milestones"
    )
    milestone = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    on = models.DateField(_("reached on"))
    source = models.CharField(_("source"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("milestone reached")
        verbose_name_plural = _("milestones reached")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "milestone"], name="milestone_once_per_participant"
            )
        ]

    def __str__(self):
        return f"{self.milestone} on {self.on}"


class PayPeriod(models.Model):
    start = models.DateField(_("first day"), unique=True)
    end = models.DateField(_("last day"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("pay period")
        verbose_name_plural = _("pay periods")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="pay_period_order")
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")


class LockedQuerySet(models.QuerySet):
    """Bulk writes refuse to touch approved statements (the database refuses too)."""

    locked_filter = {"status": StatementStatus.APPROVED}
    locked_message = "Approved statements are locked."

    def _refuse_locked(self):
        if self.filter(**self.locked_filter).exists():
            raise AppendOnlyError(self.locked_message)

    def update(self, **kwargs):
        self._refuse_locked()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_locked()
        return super().delete()


class LineQuerySet(LockedQuerySet):
    """Bulk writes refuse to touch the lines of approved statements."""

    locked_filter = {"statement__status": StatementStatus.APPROVED}
    locked_message = "Lines of approved statements are locked."


class StipendStatement(models.Model):
    """What one participant receives for one pay period. Approved means locked for good."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="stipend_statements"
    )
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.PROTECT, related_name="stipend_statements"
    )
    period = models.ForeignKey(PayPeriod, on_delete=models.PROTECT, related_name="statements")
    policy = models.ForeignKey(StipendPolicy, on_delete=models.PROTECT, related_name="statements")
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    stipend_total = models.DecimalField(_("stipend"), **MONEY, default=Decimal("0.00"))
    incentive_total = models.DecimalField(_("incentives"), **MONEY, default=Decimal("0.00"))
    total = models.DecimalField(_("total"), **MONEY, default=Decimal("0.00"))
    approved_minutes = models.IntegerField(_("approved minutes"), default=0)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = LockedQuerySet.as_manager()

    class Meta:
        ordering = ["period__start", "participant__preferred_name", "pk"]
        verbose_name = _("stipend statement")
        verbose_name_plural = _("stipend statements")
        indexes = [models.Index(fields=["organization", "period", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "period"], name="statement_one_per_participant_period"
            ),
            # A tolerance below a cent: SQLite keeps decimals as floating point.
            models.CheckConstraint(
                condition=Q(total__gt=F("stipend_total") + F("incentive_total") - HALF_CENT)
                & Q(total__lt=F("stipend_total") + F("incentive_total") + HALF_CENT),
                name="statement_total_is_sum",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (
                    Q(approved_by__isnull=False)
                    & Q(reviewed_by__isnull=False)
                    & Q(approved_at__isnull=False)
                ),
                name="statement_approved_has_people",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(reviewed_by__isnull=True)
                | ~Q(approved_by=F("reviewed_by")),
                name="statement_approver_is_not_reviewer",
            ),
        ]

    def __str__(self):
        return f"Statement #{self.pk} ({self.period})"

    def save(self, *args, **kwargs):
        if self.pk is not None and self._locked_in_db():
            raise AppendOnlyError("An approved statement is locked.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._locked_in_db():
            raise AppendOnlyError("An approved statement is locked.")
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status == StatementStatus.APPROVED

    def _locked_in_db(self) -> bool:
        return type(self).objects.filter(pk=self.pk, status=StatementStatus.APPROVED).exists()


class LineKind(models.TextChoices):
    HOURS = "hours", _("Approved hours")
    MINIMUM = "minimum", _("Below the minimum hours")
    PERIOD_CAP = "period_cap", _("Period limit")
    YEAR_CAP = "year_cap", _("Program year limit")
    ADJUSTMENT = "adjustment", _("Adjustment for an earlier period")
    INCENTIVE = "incentive", _("Milestone incentive")


class StatementLine(models.Model):
    """One traced amount on a statement: hours × rate, a limit applied, or an incentive."""

    statement = models.ForeignKey(StipendStatement, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=LineKind.choices)
    hours_kind = models.CharField(
        _("kind of hours"), max_length=20, choices=StipendKind.choices, blank=True
    )
    minutes = models.IntegerField(_("minutes"), default=0)
    rate = models.DecimalField(_("rate per hour"), **MONEY, null=True, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    milestone = models.ForeignKey(
        MilestoneReached, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adjusts_period = models.ForeignKey(
        PayPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_adjustment = models.BooleanField(default=False)
    entries = models.ManyToManyField(
        "hours.HoursEntry", through="StatementLineEntry", related_name="+"
    )

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["statement", "position", "pk"]
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="incentive") | Q(milestone__isnull=False),
                name="statement_line_incentive_has_milestone",
            ),
            models.CheckConstraint(
                condition=~Q(kind="adjustment")
                | (Q(adjusts_period__isnull=False) & Q(is_adjustment=True)),
                name="statement_line_adjustment_has_period",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount}"

    def save(self, *args, **kwargs):
        if StipendStatement.objects.filter(
            pk=self.statement_id, status=StatementStatus.APPROVED
        ).exists():
            raise AppendOnlyError("Lines of an approved statement are locked.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if StipendStatement.objects.filter(
            pk=self.statement_id, status=StatementStatus.APPROVED
        ).exists():
            raise AppendOnlyError("Lines of an approved statement are locked.")
        return super().delete(*args, **kwargs)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT)


class StatementLineEntry(models.Model):
    """The ledger rows behind an hours or adjustment line."""

    line = models.ForeignKey(StatementLine, on_delete=models.CASCADE, related_name="trace")
    entry = models.ForeignKey("hours.HoursEntry", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "entry"], name="statement_line_entry_once")
        ]

    def __str__(self):
        return f"line {self.line_id} <- ledger row {self.entry_id}"


class SettledHours(models.Model):
    """A ledger row paid on an approved statement: at most once, whatever races."""

    entry = models.OneToOneField(
        "hours.HoursEntry", on_delete=models.PROTECT, related_name="stipend_settlement"
    )
    statement = models.ForeignKey(
        StipendStatement, on_delete=models.PROTECT, related_name="settled_hours"
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("settled ledger row")
        verbose_name_plural = _("settled ledger rows")

    def __str__(self):
        return f"ledger row {self.entry_id} paid on statement {self.statement_id}"


class PaidIncentive(models.Model):
    """An incentive on an approved statement: one per participant and milestone, in the DB."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="paid_incentives"
    )
    milestone = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    reached = models.OneToOneField(
        MilestoneReached, on_delete=models.PROTECT, related_name="payment"
    )
    statement = models.ForeignKey(
        StipendStatement, on_delete=models.PROTECT, related_name="paid_incentives"
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("paid incentive")
        verbose_name_plural = _("paid incentives")
        constraints = [
            models.UniqueConstraint(fields=["participant", "milestone"], name="incentive_paid_once")
        ]

    def __str__(self):
        return f"{self.milestone} paid on statement {self.statement_id}"


# --- Paid work experience -------------------------------------------------------------


class PaidBy(models.TextChoices):
    PARTNER = "partner", _("Partner organization")
    WORKSITE = "worksite", _("Worksite employer")
    COUNTY = "county", _("County program")
    OTHER = "other", _("Other")


class WorksitePlacement(models.Model):
    """Paid work experience at a worksite; wages, so no stipend."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="worksite_placements"
    )
    worksite = models.CharField(_("worksite"), max_length=200)
    supervisor = models.CharField(_("supervisor"), max_length=200)
    supervisor_phone = models.CharField(_("supervisor phone"), max_length=40, blank=True)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    hourly_wage = models.DecimalField(_("hourly wage"), **MONEY)
    paid_by = models.CharField(_("who pays"), max_length=10, choices=PaidBy.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("worksite placement")
        verbose_name_plural = _("worksite placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="worksite_placement_dates",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__gt=0), name="worksite_placement_wage_positive"
            ),
        ]

    def __str__(self):
        return f"{self.worksite} from {self.start}"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Timesheet(AppendOnlyModel):
    """Minutes worked on each day of one week (Monday first) at a worksite placement."""

    append_only_hint = "Correct the ledger instead."

    placement = models.ForeignKey(
        WorksitePlacement, on_delete=models.PROTECT, related_name="timesheets"
    )
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="timesheets"
    )
    week_start = models.DateField(_("week starting (Monday)"))
    mon = models.PositiveSmallIntegerField(_("Monday minutes"), default=0)
    tue = models.PositiveSmallIntegerField(_("Tuesday minutes"), default=0)
    wed = models.PositiveSmallIntegerField(_("Wednesday minutes"), default=0)
    thu = models.PositiveSmallIntegerField(_("Thursday minutes"), default=0)
    fri = models.PositiveSmallIntegerField(_("Friday minutes"), default=0)
    sat = models.PositiveSmallIntegerField(_("Saturday minutes"), default=0)
    sun = models.PositiveSmallIntegerField(_("Sunday minutes"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week_start", "pk"]
        verbose_name = _("timesheet")
        verbose_name_plural = _("timesheets")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "week_start"], name="timesheet_one_per_week"
            ),
            models.CheckConstraint(
                condition=Q(mon__lte=1440)
                & Q(tue__lte=1440)
                & Q(wed__lte=1440)
                & Q(thu__lte=1440)
                & Q(fri__lte=1440)
                & Q(sat__lte=1440)
                & Q(sun__lte=1440),
                name="timesheet_day_at_most_24h",
            ),
        ]

    def __str__(self):
        return f"Timesheet week of {self.week_start}"

    def day_minutes(self) -> list[tuple[date, int]]:
        return [
            (self.week_start + timedelta(days=i), getattr(self, name))
            for i, name in enumerate(WEEKDAYS)
        ]

    @property
    def total_minutes(self) -> int:
        return sum(getattr(self, name) for name in WEEKDAYS)


# --- Job placements and retention ---------------------------------------------------


class Schedule(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")


class Sector(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction trades")
    IT = "it", _("Information technology")
    HEALTH = "health", _("Health care")
    GREEN = "green", _("Green jobs (solar)")
    ANIMATION = "animation", _("Animation and visual effects")
    OTHER = "other", _("Other")


class JobPlacement(models.Model):
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="job_placements"
    )
    employer = models.CharField(_("employer"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    start_date = models.DateField(_("start date"))
    hourly_wage = models.DecimalField(_("hourly wage"), **MONEY)
    schedule = models.CharField(_("full or part time"), max_length=10, choices=Schedule.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("job placement")
        verbose_name_plural = _("job placements")
        constraints = [
            models.CheckConstraint(condition=Q(hourly_wage__gt=0), name="job_placement_wage"),
        ]

    def __str__(self):
        return f"{self.job_title} at {self.employer}"


class VerificationMethod(models.TextChoices):
    PAY_STUB = "pay_stub", _("Pay stub")
    EMPLOYER_CALL = "employer_call", _("Call with the employer")
    PARTICIPANT_REPORT = "participant_report", _("Participant's own report")


class RetentionCheck(models.Model):
    """Whether the participant was still employed ``days`` after the start, and how we know."""

    placement = models.ForeignKey(
        JobPlacement, on_delete=models.PROTECT, related_name="retention_checks"
    )
    days = models.PositiveSmallIntegerField(
        _("days after start"), choices=[(30, "30"), (90, "90"), (180, "180")]
    )
    checked_on = models.DateField(_("checked on"))
    still_employed = models.BooleanField(_("still employed"))
    method = models.CharField(
        _("how it was verified"), max_length=20, choices=VerificationMethod.choices
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "days"]
        verbose_name = _("retention check")
        verbose_name_plural = _("retention checks")
        constraints = [
            models.UniqueConstraint(fields=["placement", "days"], name="retention_check_once"),
            models.CheckConstraint(
                condition=Q(days__in=[30, 90, 180]), name="retention_check_days"
            ),
        ]

    def __str__(self):
        return f"{self.days}-day check"
