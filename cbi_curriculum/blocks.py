"""StreamField blocks of a CBI lesson: timed script steps, handouts, skill steps, fidelity."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_FEATURES = ["bold", "italic", "ol", "ul", "h3", "h4", "link"]


class StepKind:
    CHECK_IN = "check_in"
    NEW_SKILL = "new_skill"
    MODELLING = "modelling"
    ROLE_PLAY = "role_play"
    PRACTICE = "practice"
    HOMEWORK = "homework"
    WRAP_UP = "wrap_up"

    choices = [
        (CHECK_IN, _("Check-in and homework review")),
        (NEW_SKILL, _("New skill")),
        (MODELLING, _("Modelling")),
        (ROLE_PLAY, _("Role-play")),
        (PRACTICE, _("Skill practice with feedback")),
        (HOMEWORK, _("Homework assignment")),
        (WRAP_UP, _("Wrap-up")),
    ]


def in_spanish() -> bool:
    return (get_language() or "en").startswith("es")


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    situation = blocks.TextBlock(label=_("Situation"))
    situation_es = blocks.TextBlock(label=_("Situation (Spanish)"), required=False)

    class Meta:
        icon = "group"
        label = _("Scenario")


class ScriptStepBlock(blocks.StructBlock):
    """One timed step of the facilitator's script."""

    kind = blocks.ChoiceBlock(choices=StepKind.choices, label=_("Kind of step"))
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    minutes = blocks.IntegerBlock(label=_("Planned minutes"), min_value=1, max_value=240)
    script = blocks.RichTextBlock(label=_("Script"), features=RICH_FEATURES)
    scenarios = blocks.ListBlock(ScenarioBlock(), label=_("Scenarios"), default=[])

    class Meta:
        icon = "time"
        label = _("Step")
        template = "cbi_curriculum/blocks/script_step.html"


class PrintableHandoutBlock(blocks.StructBlock):
    """A handout written in the page, printed from the browser; Spanish when translated."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES)
    title_es = blocks.CharBlock(label=_("Title (Spanish)"), max_length=120, required=False)
    body_es = blocks.RichTextBlock(
        label=_("Text (Spanish)"), features=RICH_FEATURES, required=False
    )

    class Meta:
        icon = "doc-full"
        label = _("Printable handout")
        template = "cbi_curriculum/blocks/printable_handout.html"


class DocumentHandoutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    document = DocumentChooserBlock(label=_("Document"))
    document_es = DocumentChooserBlock(label=_("Document (Spanish)"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Handout document")
        template = "cbi_curriculum/blocks/document_handout.html"


class HandoutStreamBlock(blocks.StreamBlock):
    printable = PrintableHandoutBlock()
    document = DocumentHandoutBlock()


class SkillStepBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Step"), max_length=200)
    text_es = blocks.CharBlock(label=_("Step (Spanish)"), max_length=200, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Skill step")


class FidelityItemBlock(blocks.StructBlock):
    """Something an observer checks to see the lesson was delivered as written."""

    text = blocks.CharBlock(label=_("Item"), max_length=200)

    class Meta:
        icon = "tick"
        label = _("Fidelity item")
