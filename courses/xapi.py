"""xAPI statements as the H5P player sends them: parsing and the bounds every score must keep."""

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

VERB_PREFIX = "http://adlnet.gov/expapi/verbs/"
ACCEPTED_VERBS = {"answered", "completed", "passed", "failed", "interacted", "experienced"}
SCORING_VERBS = {"answered", "completed", "passed", "failed"}
SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId"


class StatementError(ValidationError):
    """A statement that cannot be stored; ``code`` names the reason for the JSON reply."""


@dataclass
class Score:
    raw: Decimal | None
    max: Decimal | None
    scaled: Decimal | None


def _decimal(value, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise StatementError(_("%(field)s must be a number.") % {"field": field}, code="bad_score")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise StatementError(
            _("%(field)s must be a number.") % {"field": field}, code="bad_score"
        ) from None
    if not number.is_finite():
        raise StatementError(_("%(field)s must be a number.") % {"field": field}, code="bad_score")
    return number


def parse_score(result: dict) -> Score:
    """Check an xAPI result.score: 0 <= raw <= max, max > 0, scaled within [0, 1]."""
    score = result.get("score")
    if score is None:
        return Score(None, None, None)
    if not isinstance(score, dict):
        raise StatementError(_("result.score must be an object."), code="bad_score")
    raw = _decimal(score["raw"], "score.raw") if "raw" in score else None
    maximum = _decimal(score["max"], "score.max") if "max" in score else None
    minimum = _decimal(score["min"], "score.min") if "min" in score else Decimal(0)
    scaled = _decimal(score["scaled"], "score.scaled") if "scaled" in score else None
    if minimum != 0:
        raise StatementError(_("score.min must be 0."), code="bad_score")
    if raw is not None:
        if maximum is None or maximum <= 0:
            raise StatementError(_("A raw score needs a maximum above 0."), code="bad_score")
        if raw < 0 or raw > maximum:
            raise StatementError(
                _("The score %(raw)s is outside 0 to %(max)s.") % {"raw": raw, "max": maximum},
                code="score_out_of_bounds",
            )
        if maximum > Decimal("999999"):
            raise StatementError(_("score.max is too large."), code="bad_score")
    if scaled is not None and not (0 <= scaled <= 1):
        raise StatementError(_("score.scaled must be between 0 and 1."), code="score_out_of_bounds")
    if scaled is None and raw is not None:
        scaled = raw / maximum
    if scaled is not None:
        scaled = scaled.quantize(Decimal("0.0001"))
    return Score(raw, maximum, scaled)


def participant_actor(participant) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.PUBLIC_BASE_URL, "name": f"participant-{participant.pk}"},
    }


def parse_statement(participant, body) -> tuple[uuid.UUID, str, Score, dict]:
    if not isinstance(body, dict):
        raise StatementError(_("The statement must be a JSON object."), code="bad_statement")
    try:
        statement_id = uuid.UUID(str(body.get("id", "")))
    except ValueError:
        raise StatementError(_("The statement needs an id (a UUID)."), code="bad_id") from None
    actor = body.get("actor")
    if actor is not None and actor != participant_actor(participant):
        raise StatementError(
            _("A statement can only be about the signed-in participant."), code="forged_actor"
        )
    verb_id = (body.get("verb") or {}).get("id", "") if isinstance(body.get("verb"), dict) else ""
    if not isinstance(verb_id, str):
        raise StatementError(_("verb.id must be text."), code="bad_verb")
    verb = verb_id.removeprefix(VERB_PREFIX) if verb_id.startswith(VERB_PREFIX) else ""
    if verb not in ACCEPTED_VERBS:
        raise StatementError(
            _("This verb is not accepted: %(verb)s") % {"verb": verb_id[:100]}, code="bad_verb"
        )
    target = body.get("object") if isinstance(body.get("object"), dict) else {}
    definition = target.get("definition") if isinstance(target.get("definition"), dict) else {}
    extensions = definition.get("extensions")
    if isinstance(extensions, dict) and SUB_CONTENT in extensions:
        raise StatementError(
            _("Only statements about the whole activity are recorded."), code="sub_content"
        )
    result = body.get("result") or {}
    if not isinstance(result, dict):
        raise StatementError(_("result must be an object."), code="bad_result")
    score = parse_score(result)
    for flag in ("success", "completion"):
        if flag in result and not isinstance(result[flag], bool):
            raise StatementError(
                _("result.%(flag)s must be true or false.") % {"flag": flag}, code="bad_result"
            )
    return statement_id, verb, score, result
