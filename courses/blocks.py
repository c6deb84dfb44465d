"""StreamField blocks of a module page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text=_("Describe the picture for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("A YouTube or Vimeo link."))
    transcript = blocks.RichTextBlock(required=False, features=["bold", "italic", "ol", "ul"])

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("important", _("Important")), ("safety", _("Safety"))],
        default="tip",
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "courses/blocks/callout.html"


class H5PActivityBlock(blocks.StructBlock):
    """An uploaded H5P package, played in a sandboxed frame; its xAPI statements count."""

    package = SnippetChooserBlock("courses.H5PPackage")
    title = blocks.CharBlock(max_length=120)
    completion = blocks.ChoiceBlock(
        choices=[
            ("score", _("Score at or above the course pass mark")),
            ("interact", _("Any answer or interaction")),
        ],
        default="score",
    )

    class Meta:
        icon = "pick"
        template = "courses/blocks/h5p.html"
        label = _("H5P activity")


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.CharBlock(
        required=False, max_length=500, help_text=_("Shown after the participant picks this.")
    )


class QuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=500)
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, max_num=6)


class KnowledgeCheckBlock(blocks.StructBlock):
    """Multiple-choice questions graded on the server: works on any phone, without JS."""

    title = blocks.CharBlock(max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, max_num=20)

    class Meta:
        icon = "tasks"
        template = "courses/blocks/knowledge_check.html"
        label = _("Knowledge check")


class ModuleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, form_classname="title", icon="title")
    text = blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ol", "ul"])
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    h5p = H5PActivityBlock()
    knowledge_check = KnowledgeCheckBlock()


ACTIVITY_BLOCK_TYPES = ("h5p", "knowledge_check")
