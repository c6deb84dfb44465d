"""The only writer of stipend policies, milestones and statements.

A run computes drafts from approved ledger rows and unpaid milestones; review and approval
(two different people) lock a statement. Approval records each paid ledger row and incentive
in tables whose unique constraints refuse a second payment, whatever races.
"""

import bisect
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.hours.models import HoursEntry, HoursStatus
from lms.people.models import Organization, Participant
from lms.people.selectors import organizations_visible_to, participants_visible_to
from lms.submissions import claim_submission

from . import permissions
from .calculation import (
    HOURS_LINE_KINDS,
    ZERO,
    LineDraft,
    Rules,
    StatementDraft,
    hours_subtotal,
    statement_draft,
)
from .models import (
    IncentiveRule,
    LineKind,
    MilestoneKind,
    MilestoneReached,
    PaidIncentive,
    PayPeriod,
    SettledHours,
    StatementLine,
    StatementLineEntry,
    StatementStatus,
    StipendKind,
    StipendPolicy,
    StipendStatement,
    cents,
)

ONE_DAY = timedelta(days=1)

# --- Policies and the calendar ------------------------------------------------------


def policy_in_force(day: date) -> StipendPolicy | None:
    return StipendPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def pay_period_dates(day: date) -> PayPeriod:
    """The pay period containing ``day`` under the policy in force then; not saved (for display)."""
    policy = policy_in_force(day)
    if policy is None:
        raise ValidationError(_("There is no stipend policy in force on %(day)s.") % {"day": day})
    start, end = policy.period_containing(day)
    return PayPeriod(start=max(start, policy.effective_from), end=end)


def pay_period_for(day: date) -> PayPeriod:
    """The pay period containing ``day``, saved on first use."""
    dates = pay_period_dates(day)
    period, _created = PayPeriod.objects.get_or_create(
        start=dates.start, defaults={"end": dates.end}
    )
    return period


def stipend_policy_create(*, actor, submission: str | None = None, **fields) -> StipendPolicy:
    """Add a policy version. It may not reach back into a period already computed."""
    if not permissions.can_set_policy(actor):
        raise PermissionDenied(_("Only program admins set the stipend policy."))
    effective_from = fields["effective_from"]
    with transaction.atomic():
        claim_submission(submission, actor, "stipends.policy_created")
        computed = PayPeriod.objects.filter(end__gte=effective_from, statements__isnull=False)
        if computed.exists():
            raise ValidationError(
                {
                    "effective_from": _(
                        "Statements already exist for a pay period on or after this date. "
                        "Choose a date after the last computed period."
                    )
                }
            )
        previous = policy_in_force(effective_from)
        splits_a_period = (
            previous is not None and previous.period_containing(effective_from)[0] != effective_from
        )
        if (
            splits_a_period
            or PayPeriod.objects.filter(start__lt=effective_from, end__gte=effective_from).exists()
        ):
            raise ValidationError(
                {"effective_from": _("A new policy must start on the first day of a pay period.")}
            )
        if StipendPolicy.objects.filter(effective_from=effective_from).exists():
            raise ValidationError({"effective_from": _("A policy already starts on this date.")})
        policy = StipendPolicy(created_by=actor, **fields)
        policy.full_clean()
        policy.save()
        audit_record(
            actor,
            "stipends.policy_created",
            obj=policy,
            message=f"Stipend policy #{policy.pk} from {policy.effective_from}",
        )
    return policy


def incentive_rule_create(
    *, actor, milestone: str, amount: Decimal, effective_from: date, submission: str | None = None
):
    if not permissions.can_set_policy(actor):
        raise PermissionDenied(_("Only program admins set incentives."))
    if milestone not in MilestoneKind.values:
        raise ValidationError({"milestone": _("Unknown milestone.")})
    if Decimal(amount) < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    try:
        with transaction.atomic():
            claim_submission(submission, actor, "stipends.incentive_rule_created")
            rule = IncentiveRule.objects.create(
                milestone=milestone,
                amount=Decimal(amount).quantize(Decimal("0.01")),
                effective_from=effective_from,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"effective_from": _("This milestone already has a rule starting that day.")}
        ) from exc
    audit_record(
        actor, "stipends.incentive_rule_created", obj=rule, message=f"Incentive rule #{rule.pk}"
    )
    return rule


def incentive_amount(rules_by_milestone: dict, milestone: str, on: date) -> Decimal | None:
    """The amount of the rule in force on ``on`` (rules sorted newest first)."""
    for rule in rules_by_milestone.get(milestone, ()):
        if rule.effective_from <= on:
            return rule.amount
    return None


def incentive_rules_by_milestone() -> dict:
    rules = defaultdict(list)
    for rule in IncentiveRule.objects.order_by("-effective_from"):
        rules[rule.milestone].append(rule)
    return rules


# --- Milestones ------------------------------------------------------------------------


def milestone_reach(
    *, participant: Participant, milestone: str, on: date, source: str, recorded_by=None
) -> tuple[MilestoneReached, bool]:
    """Record a milestone once per participant; repeats and races return the first record."""
    if milestone not in MilestoneKind.values:
        raise ValidationError(_("Unknown milestone."))
    existing = MilestoneReached.objects.filter(participant=participant, milestone=milestone).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            reached = MilestoneReached.objects.create(
                participant=participant,
                milestone=milestone,
                on=on,
                source=source[:200],
                recorded_by=recorded_by,
            )
    except IntegrityError:
        return MilestoneReached.objects.get(participant=participant, milestone=milestone), False
    return reached, True


# --- The run -------------------------------------------------------------------------------


def _effective_date(row) -> date:
    """Corrections count in the period of the row they correct."""
    return row["corrects__date"] or row["date"]


ROW_FIELDS = ("pk", "participant_id", "kind", "minutes", "date", "corrects__date")


def _rows_dated(participant_ids, *, unsettled: bool, **date_lookup) -> list[dict]:
    """Approved stipend-earning rows of these participants whose effective date matches
    ``date_lookup`` (e.g. ``range=(a, b)``). Two queries led by the (participant, date) index:
    plain rows by their own date, corrections by the date of the row they correct. The status
    is checked here rather than in SQL so no planner prefers the (status, date) index for a
    year-long window."""
    base = HoursEntry.objects.filter(
        participant_id__in=participant_ids, kind__in=StipendKind.values
    ).order_by()
    if unsettled:
        base = base.filter(stipend_settlement__isnull=True)
    ((lookup, value),) = date_lookup.items()
    plain = base.filter(corrects__isnull=True, **{f"date__{lookup}": value})
    corrections = base.filter(corrects__isnull=False, **{f"corrects__date__{lookup}": value})
    rows = [
        {**row, "corrects__date": None}
        for row in plain.values("pk", "participant_id", "kind", "minutes", "date", "status")
    ]
    rows += corrections.values(*ROW_FIELDS, "status")
    return [row for row in rows if row["status"] == HoursStatus.APPROVED]


def _periods_closed_for(organization, before: date) -> list[PayPeriod]:
    """Earlier periods in which the organization already approved statements."""
    return list(
        PayPeriod.objects.filter(
            start__lt=before,
            statements__organization=organization,
            statements__status=StatementStatus.APPROVED,
        )
        .distinct()
        .order_by("start")
    )


def statements_compute(period: PayPeriod, organization: Organization) -> dict[int, StatementDraft]:
    """Draft statements for every participant of the organization with something to pay.

    A fixed number of queries whatever the number of participants.
    """
    policy = policy_in_force(period.start)
    if policy is None:
        raise ValidationError(_("There is no stipend policy in force for this period."))
    rules = Rules.of(policy)
    participant_ids = list(
        Participant.objects.filter(organization=organization).values_list("pk", flat=True)
    )
    # Rows on another unapproved statement (as adjustments) wait for that one.
    reserved = set(
        StatementLineEntry.objects.filter(
            line__statement__organization=organization,
            line__statement__status__in=[StatementStatus.DRAFT, StatementStatus.REVIEWED],
        )
        .exclude(line__statement__period=period)
        .values_list("entry_id", flat=True)
    )
    rows_by_participant = defaultdict(list)
    for row in _rows_dated(participant_ids, unsettled=True, range=(period.start, period.end)):
        if row["pk"] not in reserved:
            rows_by_participant[row["participant_id"]].append(
                (row["pk"], row["kind"], row["minutes"])
            )

    adjustments = _adjustments(period, organization, participant_ids, reserved)
    paid_this_year = _paid_this_year(period, organization, policy)
    incentives = _incentive_lines(period, organization)

    drafts = {}
    for pid in set(rows_by_participant) | set(adjustments) | set(incentives):
        draft = statement_draft(
            rows=rows_by_participant.get(pid, []),
            rules=rules,
            adjustments=adjustments.get(pid, []),
            paid_this_year=paid_this_year.get(pid, ZERO),
            incentives=incentives.get(pid, []),
        )
        if draft.lines:
            drafts[pid] = draft
    return drafts


def _adjustments(period, organization, participant_ids, reserved) -> dict[int, list]:
    """Late rows dated in an earlier, closed period: the difference between what that period
    owes now (under its own policy) and what was already paid for it."""
    closed = _periods_closed_for(organization, period.start)
    if not closed:
        return {}
    starts = [p.start for p in closed]

    def closed_period_of(day):
        i = bisect.bisect_right(starts, day) - 1
        return closed[i] if i >= 0 and closed[i].contains(day) else None

    late = _rows_dated(
        participant_ids, unsettled=True, range=(closed[0].start, period.start - ONE_DAY)
    )
    statement_status = {
        (pid, qid): status
        for pid, qid, status in StipendStatement.objects.filter(
            organization=organization, period__in=closed
        ).values_list("participant_id", "period_id", "status")
    }
    late_by_key = defaultdict(list)
    for row in late:
        if row["pk"] in reserved:
            continue
        q = closed_period_of(_effective_date(row))
        if q is None:
            continue
        status = statement_status.get((row["participant_id"], q.pk))
        if status is not None and status != StatementStatus.APPROVED:
            continue  # that period's own statement for this person is still open
        late_by_key[(row["participant_id"], q.pk)].append(row)
    if not late_by_key:
        return {}

    periods = {q.pk: q for q in closed}
    participant_ids = {pid for pid, _ in late_by_key}
    lo = min(periods[qid].start for _, qid in late_by_key)
    hi = max(periods[qid].end for _, qid in late_by_key)
    all_rows = defaultdict(list)
    for row in _rows_dated(list(participant_ids), unsettled=False, range=(lo, hi)):
        q = closed_period_of(_effective_date(row))
        if q is not None and (row["participant_id"], q.pk) in late_by_key:
            all_rows[(row["participant_id"], q.pk)].append((row["pk"], row["kind"], row["minutes"]))
    paid = _paid_for_periods(participant_ids, list(periods))
    policies = {
        (pid, qid): policy_id
        for pid, qid, policy_id in StipendStatement.objects.filter(
            participant_id__in=participant_ids, period_id__in=list(periods)
        ).values_list("participant_id", "period_id", "policy_id")
    }
    policy_objects = {p.pk: p for p in StipendPolicy.objects.all()}

    result = defaultdict(list)
    for (pid, qid), rows in sorted(late_by_key.items(), key=lambda kv: periods[kv[0][1]].start):
        q = periods[qid]
        policy = policy_objects.get(policies.get((pid, qid))) or policy_in_force(q.start)
        should = hours_subtotal(all_rows[(pid, qid)], Rules.of(policy))
        delta = should - paid.get((pid, qid), ZERO)
        result[pid].append(
            LineDraft(
                kind=LineKind.ADJUSTMENT,
                amount=delta,
                minutes=sum(r["minutes"] for r in rows),
                entry_ids=tuple(sorted(r["pk"] for r in rows)),
                adjusts_period_id=qid,
            )
        )
    return result


def _paid_for_periods(participant_ids, period_ids) -> dict:
    """What approved statements paid for each (participant, period) before the year cap."""
    paid = defaultdict(lambda: ZERO)
    regular = (
        StatementLine.objects.filter(
            statement__status=StatementStatus.APPROVED,
            statement__participant_id__in=participant_ids,
            statement__period_id__in=period_ids,
            kind__in=HOURS_LINE_KINDS,
        )
        .values("statement__participant_id", "statement__period_id")
        .annotate(total=Sum("amount"))
    )
    for row in regular:
        paid[(row["statement__participant_id"], row["statement__period_id"])] += cents(row["total"])
    adjusted = (
        StatementLine.objects.filter(
            statement__status=StatementStatus.APPROVED,
            statement__participant_id__in=participant_ids,
            adjusts_period_id__in=period_ids,
            kind=LineKind.ADJUSTMENT,
        )
        .values("statement__participant_id", "adjusts_period_id")
        .annotate(total=Sum("amount"))
    )
    for row in adjusted:
        paid[(row["statement__participant_id"], row["adjusts_period_id"])] += cents(row["total"])
    return paid


def _paid_this_year(period, organization, policy) -> dict[int, Decimal]:
    year_start = policy.program_year_start(period.start)
    rows = (
        StipendStatement.objects.filter(
            organization=organization,
            status=StatementStatus.APPROVED,
            period__start__gte=year_start,
            period__start__lt=period.start,
        )
        .values("participant_id")
        .annotate(total=Sum("stipend_total"))
    )
    return {row["participant_id"]: cents(row["total"]) for row in rows}


def _incentive_lines(period, organization) -> dict[int, list[LineDraft]]:
    """Milestones reached by the end of the period, never paid nor on another open statement."""
    rules = incentive_rules_by_milestone()
    on_other = set(
        StatementLine.objects.filter(
            kind=LineKind.INCENTIVE,
            statement__organization=organization,
            statement__status__in=[StatementStatus.DRAFT, StatementStatus.REVIEWED],
        )
        .exclude(statement__period=period)
        .values_list("milestone_id", flat=True)
    )
    reached = MilestoneReached.objects.filter(
        participant__organization=organization, on__lte=period.end, payment__isnull=True
    ).order_by("on", "pk")
    result = defaultdict(list)
    for m in reached:
        if m.pk in on_other:
            continue
        amount = incentive_amount(rules, m.milestone, m.on)
        if amount:
            result[m.participant_id].append(
                LineDraft(kind=LineKind.INCENTIVE, amount=amount, milestone_id=m.pk)
            )
    return result


def _existing_signatures(statements) -> dict[int, list[tuple]]:
    entries = defaultdict(list)
    for line_id, entry_id in StatementLineEntry.objects.filter(
        line__statement__in=statements
    ).values_list("line_id", "entry_id"):
        entries[line_id].append(entry_id)
    result = defaultdict(list)
    for line in StatementLine.objects.filter(statement__in=statements).order_by("position"):
        result[line.statement_id].append(
            LineDraft(
                kind=line.kind,
                amount=line.amount,
                hours_kind=line.hours_kind,
                minutes=line.minutes,
                rate=line.rate,
                entry_ids=tuple(entries[line.pk]),
                milestone_id=line.milestone_id,
                adjusts_period_id=line.adjusts_period_id,
            ).signature()
        )
    return result


def statement_run(*, period: PayPeriod, organization: Organization, actor) -> dict:
    """Compute or refresh the drafts of one period for one organization.

    Approved statements are never touched; an unchanged draft keeps its review. Returns
    counts: created, updated, unchanged, removed, locked.
    """
    if not permissions.can_run_statements(actor):
        raise PermissionDenied(_("You cannot run stipend statements."))
    if not organizations_visible_to(actor).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("You cannot run statements for this organization."))
    if period.start > timezone.localdate():
        raise ValidationError(_("This pay period has not started yet."))
    counts = dict.fromkeys(("created", "updated", "unchanged", "removed", "locked"), 0)
    now = timezone.now()
    with transaction.atomic():
        # One run per organization at a time; approvals of its statements wait too.
        Organization.objects.select_for_update().get(pk=organization.pk)
        policy = policy_in_force(period.start)
        drafts = statements_compute(period, organization)
        existing = {
            s.participant_id: s
            for s in StipendStatement.objects.select_for_update().filter(
                period=period, organization=organization
            )
        }
        open_statements = [s for s in existing.values() if not s.is_locked]
        signatures = _existing_signatures(open_statements)
        to_create, to_refill = [], []
        for pid, statement in existing.items():
            if statement.is_locked:
                counts["locked"] += 1
                continue
            draft = drafts.get(pid)
            if draft is None:
                statement.delete()
                counts["removed"] += 1
            elif [ln.signature() for ln in draft.lines] == signatures[statement.pk]:
                counts["unchanged"] += 1
            else:
                to_refill.append((statement, draft))
        for pid, draft in drafts.items():
            if pid not in existing:
                to_create.append(
                    (
                        StipendStatement(
                            participant_id=pid,
                            organization=organization,
                            period=period,
                            policy=policy,
                            computed_at=now,
                            computed_by=actor,
                            stipend_total=draft.stipend_total,
                            incentive_total=draft.incentive_total,
                            total=draft.total,
                            approved_minutes=draft.approved_minutes,
                        ),
                        draft,
                    )
                )
        StipendStatement.objects.bulk_create([s for s, _ in to_create], batch_size=500)
        counts["created"] = len(to_create)
        for statement, draft in to_refill:
            StatementLine.objects.filter(statement=statement).delete()
            statement.policy = policy
            statement.status = StatementStatus.DRAFT
            statement.reviewed_by = statement.reviewed_at = None
            statement.stipend_total = draft.stipend_total
            statement.incentive_total = draft.incentive_total
            statement.total = draft.total
            statement.approved_minutes = draft.approved_minutes
            statement.computed_at = now
            statement.computed_by = actor
            statement.save()
        counts["updated"] = len(to_refill)
        _lines_create(to_create + to_refill)
        audit_record(
            actor,
            "stipends.period_run",
            organization=organization,
            obj=period,
            message=f"Pay period #{period.pk} run: "
            + ", ".join(f"{k} {v}" for k, v in counts.items()),
        )
    return counts


def _lines_create(pairs):
    lines, traces = [], []
    for statement, draft in pairs:
        for position, d in enumerate(draft.lines):
            line = StatementLine(
                statement=statement,
                position=position,
                kind=d.kind,
                hours_kind=d.hours_kind,
                minutes=d.minutes,
                rate=d.rate,
                amount=d.amount,
                milestone_id=d.milestone_id,
                adjusts_period_id=d.adjusts_period_id,
                is_adjustment=d.is_adjustment,
            )
            lines.append(line)
            traces.append((line, d.entry_ids))
    StatementLine.objects.bulk_create(lines, batch_size=1000)
    StatementLineEntry.objects.bulk_create(
        [StatementLineEntry(line=line, entry_id=e) for line, ids in traces for e in ids],
        batch_size=2000,
    )


# --- Review and approval -------------------------------------------------------------


def _locked_statement(actor, statement) -> StipendStatement:
    visible = participants_visible_to(actor)
    locked = (
        StipendStatement.objects.select_for_update()
        .filter(pk=statement.pk, participant__in=visible)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot act on this statement."))
    return locked


def statement_review(*, actor, statement: StipendStatement) -> StipendStatement:
    """A case manager confirms a draft is right; a second person approves it later."""
    if not permissions.can_review(actor):
        raise PermissionDenied(_("You cannot review statements."))
    with transaction.atomic():
        locked = _locked_statement(actor, statement)
        if locked.status != StatementStatus.DRAFT:
            raise ValidationError(_("Only a draft statement can be reviewed."))
        locked.status = StatementStatus.REVIEWED
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save()
        audit_record(
            actor,
            "stipends.statement_reviewed",
            organization=locked.organization,
            obj=locked,
            message=f"Statement #{locked.pk} reviewed",
        )
    return locked


def statement_approve(*, actor, statement: StipendStatement) -> StipendStatement:
    """A partner admin, not the reviewer, approves: the statement locks and what it pays is
    recorded as paid (a unique constraint refuses paying a ledger row or incentive twice)."""
    if not permissions.can_approve(actor):
        raise PermissionDenied(_("Only a partner admin can approve statements."))
    try:
        with transaction.atomic():
            locked = _locked_statement(actor, statement)
            if locked.status != StatementStatus.REVIEWED:
                raise ValidationError(_("Only a reviewed statement can be approved."))
            if locked.reviewed_by_id == actor.pk:
                raise ValidationError(
                    _("A second person must approve: you reviewed this statement.")
                )
            _settle([locked.pk])
            locked.status = StatementStatus.APPROVED
            locked.approved_by = actor
            locked.approved_at = timezone.now()
            locked.save()
            audit_record(
                actor,
                "stipends.statement_approved",
                organization=locked.organization,
                obj=locked,
                message=f"Statement #{locked.pk} approved: {locked.total}",
            )
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "Some of these hours or incentives were paid on another statement meanwhile. "
                "Run the period again, then review."
            )
        ) from exc
    return locked


def statements_review_all(*, actor, period, organization) -> int:
    """Mark every draft of the period reviewed by ``actor`` (one statement at a time is
    ``statement_review``)."""
    if not permissions.can_review(actor):
        raise PermissionDenied(_("You cannot review statements."))
    with transaction.atomic():
        drafts = StipendStatement.objects.select_for_update().filter(
            period=period,
            organization=organization,
            status=StatementStatus.DRAFT,
            participant__in=participants_visible_to(actor),
        )
        ids = list(drafts.values_list("pk", flat=True))
        StipendStatement.objects.filter(pk__in=ids).update(
            status=StatementStatus.REVIEWED, reviewed_by=actor, reviewed_at=timezone.now()
        )
        if ids:
            audit_record(
                actor,
                "stipends.statements_reviewed",
                organization=organization,
                obj=period,
                message=f"{len(ids)} statements of pay period #{period.pk} reviewed",
            )
    return len(ids)


def statements_approve_all(*, actor, period, organization) -> tuple[int, list[str]]:
    """Approve every reviewed statement of the period that ``actor`` did not review, in one
    transaction; if anything was paid meanwhile, fall back to one by one. Returns
    (approved, problems)."""
    if not permissions.can_approve(actor):
        raise PermissionDenied(_("Only a partner admin can approve statements."))
    problems = []
    reviewed = StipendStatement.objects.filter(
        period=period,
        organization=organization,
        status=StatementStatus.REVIEWED,
        participant__in=participants_visible_to(actor),
    )
    own = list(reviewed.filter(reviewed_by=actor).values_list("pk", flat=True))
    problems += [
        f"#{pk}: " + _("A second person must approve: you reviewed this statement.") for pk in own
    ]
    try:
        with transaction.atomic():
            ids = list(
                reviewed.exclude(reviewed_by=actor).select_for_update().values_list("pk", flat=True)
            )
            _settle(ids)
            StipendStatement.objects.filter(pk__in=ids).update(
                status=StatementStatus.APPROVED, approved_by=actor, approved_at=timezone.now()
            )
            if ids:
                audit_record(
                    actor,
                    "stipends.statements_approved",
                    organization=organization,
                    obj=period,
                    message=f"{len(ids)} statements of pay period #{period.pk} approved",
                )
        return len(ids), problems
    except IntegrityError:
        done = 0
        for statement in reviewed.exclude(reviewed_by=actor):
            try:
                statement_approve(actor=actor, statement=statement)
                done += 1
            except ValidationError as error:
                problems.append(f"#{statement.pk}: {' '.join(error.messages)}")
        return done, problems


def _settle(statement_ids):
    """Record as paid every ledger row and incentive on these statements (unique in the DB)."""
    SettledHours.objects.bulk_create(
        [
            SettledHours(entry_id=entry_id, statement_id=statement_id)
            for entry_id, statement_id in StatementLineEntry.objects.filter(
                line__statement_id__in=statement_ids
            ).values_list("entry_id", "line__statement_id")
        ],
        batch_size=2000,
    )
    PaidIncentive.objects.bulk_create(
        [
            PaidIncentive(
                participant_id=participant_id,
                milestone=milestone,
                reached_id=reached_id,
                statement_id=statement_id,
                amount=amount,
            )
            for statement_id, participant_id, milestone, reached_id, amount in (
                StatementLine.objects.filter(
                    statement_id__in=statement_ids, kind=LineKind.INCENTIVE
                ).values_list(
                    "statement_id",
                    "statement__participant_id",
                    "milestone__milestone",
                    "milestone_id",
                    "amount",
                )
            )
        ],
        batch_size=2000,
    )
