"""A batch of H5P statements from one module page, stored in one request.

The player sends several statements per interaction; one request per statement cost ten
queries and a transaction each. Here the enrollment, the module's activities and the known
statement ids are read once per batch, new statements are inserted together, and each
activity's progress is updated once. Every statement is still checked on its own and gets
its own answer; a statement id seen before is answered "not stored" (a retry changes
nothing). When another request stores one of the same ids meanwhile, the batch falls back to
storing one by one, which is idempotent.
"""

from dataclasses import dataclass
from itertools import groupby

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import ActivityKind, ActivityProgress, Statement
from .services import _h5p_completed, _store, enrollment_for_module, module_completion_check
from .xapi import Score, StatementError, parse_statement, participant_actor

MAX_BATCH = 50


@dataclass
class _Checked:
    index: int
    activity_key: str
    statement_id: object
    verb: str
    score: Score
    result: dict
    payload: dict
    completed: bool


def _check(participant, enrollment, activities, index, item) -> _Checked:
    if not isinstance(item, dict):
        raise StatementError(_("Each item needs an activity and a statement."), code="bad_item")
    key = str(item.get("activity", ""))[:64]
    body = item.get("statement")
    statement_id, verb, score, result = parse_statement(participant, body)
    block = activities.get(key)
    if block is None or block.block_type != ActivityKind.H5P:
        raise StatementError(
            _("This activity is not part of that module."), code="unknown_activity"
        )
    completed = _h5p_completed(block, enrollment.course, verb, score, result)
    payload = {**body, "actor": participant_actor(participant)}
    return _Checked(index, key, statement_id, verb, score, result, payload, completed)


def _error(item, error: StatementError) -> dict:
    body = item.get("statement") if isinstance(item, dict) else None
    statement_id = body.get("id") if isinstance(body, dict) else None
    return {
        "id": str(statement_id)[:64] if statement_id is not None else None,
        "error": error.code or "invalid",
        "message": error.messages[0],
    }


def statements_record(*, participant, module, items: list) -> list[dict]:
    """Check and store each statement; one answer per item, in order."""
    if not isinstance(items, list) or not 0 < len(items) <= MAX_BATCH:
        raise StatementError(
            _("Send from 1 to %(n)d statements at once.") % {"n": MAX_BATCH}, code="bad_batch"
        )
    enrollment = enrollment_for_module(participant, module)
    activities = module.activities()
    answers: list[dict | None] = [None] * len(items)
    checked = []
    for index, item in enumerate(items):
        try:
            checked.append(_check(participant, enrollment, activities, index, item))
        except StatementError as error:
            answers[index] = _error(item, error)
    owners = dict(
        Statement.objects.filter(statement_id__in=[c.statement_id for c in checked]).values_list(
            "statement_id", "participant_id"
        )
    )
    fresh, seen = [], set()
    for item in checked:
        if item.statement_id in owners and owners[item.statement_id] != participant.pk:
            answers[item.index] = {
                "id": str(item.statement_id),
                "error": "duplicate_id",
                "message": _("This statement id is already used."),
            }
        elif item.statement_id in owners or item.statement_id in seen:
            answers[item.index] = {"id": str(item.statement_id), "stored": False}
        else:
            seen.add(item.statement_id)
            fresh.append(item)
    if fresh:
        try:
            _store_together(participant, module, enrollment, fresh)
            stored = {item.index: True for item in fresh}
        except IntegrityError:
            stored = _store_one_by_one(participant, module, enrollment, fresh, answers)
        for item in fresh:
            if item.index in stored:
                answers[item.index] = {"id": str(item.statement_id), "stored": stored[item.index]}
    return answers


def _store_together(participant, module, enrollment, fresh: list[_Checked]) -> None:
    with transaction.atomic():
        rows = Statement.objects.bulk_create(
            [
                Statement(
                    statement_id=item.statement_id,
                    participant=participant,
                    module=module,
                    activity_key=item.activity_key,
                    kind=ActivityKind.H5P,
                    verb=item.verb,
                    score_raw=item.score.raw,
                    score_max=item.score.max,
                    score_scaled=item.score.scaled,
                    success=item.result.get("success"),
                    completion=item.result.get("completion"),
                    payload=item.payload,
                )
                for item in fresh
            ]
        )
        pairs = sorted(zip(fresh, rows, strict=True), key=lambda pair: pair[0].activity_key)
        any_completed = False
        for key, group in groupby(pairs, key=lambda pair: pair[0].activity_key):
            group = list(group)
            progress, _created = ActivityProgress.objects.select_for_update().get_or_create(
                participant=participant,
                module=module,
                activity_key=key,
                defaults={"kind": ActivityKind.H5P},
            )
            progress.attempts += len(group)
            scores = [row.score_scaled for _item, row in group if row.score_scaled is not None]
            if scores and (progress.best_scaled is None or max(scores) > progress.best_scaled):
                progress.best_scaled = max(scores)
            progress.completed = progress.completed or any(item.completed for item, _ in group)
            progress.last_statement = max((row for _item, row in group), key=lambda r: r.pk)
            progress.save()
            any_completed = any_completed or progress.completed
        if any_completed:
            module_completion_check(participant=participant, module=module, enrollment=enrollment)


def _store_one_by_one(participant, module, enrollment, fresh, answers) -> dict[int, bool]:
    stored = {}
    for item in fresh:
        try:
            _row, created = _store(
                participant=participant,
                module=module,
                enrollment=enrollment,
                activity_key=item.activity_key,
                kind=ActivityKind.H5P,
                statement_id=item.statement_id,
                verb=item.verb,
                score=item.score,
                result=item.result,
                payload=item.payload,
                completed=item.completed,
            )
            stored[item.index] = created
        except StatementError as error:
            answers[item.index] = {
                "id": str(item.statement_id),
                "error": error.code,
                "message": error.messages[0],
            }
    return stored
