"""Cross-app events, named in one place so a reader can follow them.

Senders call ``<signal>.send(sender=<model class>, **kwargs)`` from
``transaction.on_commit`` so listeners never see a rolled-back fact; listeners connect in
their AppConfig.ready() and must be idempotent (the same event may arrive twice).
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

from django.dispatch import Signal

module_completed = Signal()
course_completed = Signal()
orientation_completed = Signal()
lesson_attended = Signal()
curriculum_completed = Signal()
credential_issued = Signal()
placement_recorded = Signal()
retention_verified = Signal()
