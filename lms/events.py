"""Cross-app events, named in one place so a reader can follow them.

A sender calls ``<event>.publish(**payload)`` inside the transaction that records the fact.
Each subscriber (an app's handler, subscribed under a stable id in its AppConfig.ready())
then gets the event as its own background task (``lms.event_tasks.deliver_event``): one
subscriber failing never stops another, a failed delivery is retried, and ``manage.py
reconcile`` replays facts whose consequences are missing. With the database task backend
(production) the tasks are written in the same transaction as the fact, so they exist if
and only if it does; with the immediate backend (development, tests) they run after commit.
Handlers are idempotent: the same event may arrive twice. ``<event>.send(sender=None, ...)``
still calls every handler at once, in-process (tests, the reconcile command).

Every event carries ``participant`` (a ``lms.people.models.Participant``) and ``on``
(the ``datetime.date`` it happened).

- module_completed(participant, module, on)             courses: a module page's rules met
- course_completed(participant, course, on)             courses: every module of a course page
- orientation_completed(participant, on)                cbi_curriculum: first lesson attended
- lesson_attended(participant, lesson, session, on)     cbi_curriculum: attendance closed
- curriculum_completed(participant, curriculum, on)     cbi_curriculum: every lesson done
- credential_issued(participant, credential, industry, on)
                                                        credentials: a signed credential;
                                                        ``industry`` is True for a third-party
                                                        industry credential
- placement_recorded(participant, placement, on)        lms.stipends: a job placement
- retention_verified(participant, placement, days, on)  lms.stipends: 30/90/180-day check

``module``, ``course``, ``lesson`` and ``curriculum`` are Wagtail pages; a listener that
needs to match them compares page ids, so no app has to import another.
"""

from datetime import date

from django.apps import apps
from django.db import models, transaction
from django.dispatch import Signal

EVENTS: dict[str, "Event"] = {}


def dump(payload: dict) -> dict:
    """The payload as JSON for a task: rows by model label and key, dates as ISO text."""
    data = {}
    for name, value in payload.items():
        if isinstance(value, models.Model):
            data[name] = {"model": value._meta.label, "pk": value.pk}
        elif isinstance(value, date):
            data[name] = {"date": value.isoformat()}
        else:
            data[name] = value
    return data


def load(data: dict) -> dict:
    payload = {}
    for name, value in data.items():
        if isinstance(value, dict) and "model" in value:
            payload[name] = apps.get_model(value["model"])._default_manager.get(pk=value["pk"])
        elif isinstance(value, dict) and "date" in value:
            payload[name] = date.fromisoformat(value["date"])
        else:
            payload[name] = value
    return payload


class Event(Signal):
    """A named fact other apps act on, each subscriber in its own durable task."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.subscribers: dict[str, callable] = {}
        EVENTS[name] = self

    def subscribe(self, handler, uid: str) -> None:
        """Deliver this event to ``handler(sender, **payload)``; ``uid`` names it in tasks."""
        self.subscribers[uid] = handler
        self.connect(handler, dispatch_uid=uid, weak=False)

    def unsubscribe(self, uid: str) -> None:
        self.subscribers.pop(uid, None)
        self.disconnect(dispatch_uid=uid)

    def publish(self, **payload) -> None:
        """Announce the fact recorded by the current transaction to every subscriber."""
        from .event_tasks import enqueue_deliveries

        enqueue_deliveries(self, dump(payload))

    def deliver(self, uid: str, data: dict) -> None:
        """Run one subscriber on a payload from ``dump`` (what a delivery task does)."""
        handler = self.subscribers[uid]
        with transaction.atomic():
            handler(sender=None, **load(data))


module_completed = Event("module_completed")
course_completed = Event("course_completed")
orientation_completed = Event("orientation_completed")
lesson_attended = Event("lesson_attended")
curriculum_completed = Event("curriculum_completed")
credential_issued = Event("credential_issued")
placement_recorded = Event("placement_recorded")
retention_verified = Event("retention_verified")
