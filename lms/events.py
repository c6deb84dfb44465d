"""Cross-app events, named in one place so a reader can follow them.

Senders call ``<signal>.send(sender=..., **kwargs)`` after their transaction commits
(``transaction.on_commit``); listeners connect in their AppConfig.ready().

- module_completed(participant, module)          sent by courses
- course_completed(participant, course)          sent by courses
- curriculum_completed(participant, curriculum)  sent by cbi_curriculum
- lesson_attended(participant, lesson, session)  sent by cbi_curriculum
- credential_issued(participant, credential)     sent by credentials
- placement_recorded(participant, placement)     sent by lms.stipends (job placements)
"""

from django.dispatch import Signal

module_completed = Signal()
course_completed = Signal()
curriculum_completed = Signal()
lesson_attended = Signal()
credential_issued = Signal()
placement_recorded = Signal()
