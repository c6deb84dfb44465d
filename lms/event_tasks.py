"""The background task that delivers one event to one subscriber, with retries.

A delivery that raises is logged and, where the task backend can run a task later (the
database backend), enqueued again after a growing wait, up to ``EVENT_DELIVERY_ATTEMPTS``
times; after that ``manage.py reconcile`` is the way back (it replays what is missing).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger("lms.events")


def _attempts() -> int:
    return getattr(settings, "EVENT_DELIVERY_ATTEMPTS", 5)


@task()
def deliver_event(event: str, subscriber: str, payload: dict, attempt: int = 1) -> None:
    from .events import EVENTS

    try:
        EVENTS[event].deliver(subscriber, payload)
    except Exception:
        logger.exception(
            "Event %s to %s failed (attempt %d of %d)", event, subscriber, attempt, _attempts()
        )
        backend = deliver_event.get_backend()
        if attempt < _attempts() and backend.supports_defer:
            wait = timedelta(seconds=30 * 2 ** (attempt - 1))
            deliver_event.using(run_after=timezone.now() + wait).enqueue(
                event, subscriber, payload, attempt + 1
            )
        raise


def enqueue_deliveries(event, data: dict) -> None:
    """One task per subscriber: in the fact's transaction when tasks live in the same
    database (so both commit or neither does), else once it commits."""

    def enqueue() -> None:
        for uid in list(event.subscribers):
            deliver_event.enqueue(event.name, uid, data)

    if isinstance(deliver_event.get_backend(), ImmediateBackend):
        transaction.on_commit(enqueue)
    else:
        enqueue()
