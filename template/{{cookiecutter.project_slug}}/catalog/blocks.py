"""StreamField blocks that lessons are written with.

Quizzes live in the lesson body so a provider authors them next to the material they test.
Every question and answer choice keeps the stable id Wagtail gives list items; learners
answer by id and the server grades against the published lesson, so the correct answers
never have to reach the browser.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock


class VideoBlock(blocks.StructBlock):
    """A video file with captions and a transcript: civil servants often learn at a desk
    without sound, and the transcript is what screen-reader users and search rely on."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(
        label=_("video file URL"),
        help_text=_("Address of an MP4 or WebM file the portal may embed."),
    )
    captions = DocumentChooserBlock(
        label=_("captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt file; shown as subtitles in the player."),
    )
    captions_language = blocks.CharBlock(
        label=_("captions language"),
        max_length=35,
        required=False,
        help_text=_("BCP 47 code of the captions, for example en or hi."),
    )
    transcript = blocks.RichTextBlock(
        label=_("transcript"),
        features=["bold", "italic", "ol", "ul", "link"],
        required=False,
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "catalog/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A handout or reference the learner downloads (policy text, workbook, slides)."""

    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "catalog/blocks/document_block.html"


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer choice")


SINGLE_CHOICE = "single"
MULTIPLE_CHOICE = "multiple"


class QuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("question"))
    kind = blocks.ChoiceBlock(
        label=_("answer type"),
        choices=[
            (SINGLE_CHOICE, _("One correct answer")),
            (MULTIPLE_CHOICE, _("Several correct answers")),
        ],
        default=SINGLE_CHOICE,
    )
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("answer choices"), min_num=2)
    feedback = blocks.TextBlock(
        label=_("feedback"),
        required=False,
        help_text=_("Shown after the learner submits, whether they were right or not."),
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        """Refuse questions no learner could answer correctly, before they are published."""
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one correct answer."))}
            )
        if value["kind"] == SINGLE_CHOICE and correct > 1:
            raise StructBlockValidationError(
                block_errors={
                    "kind": ValidationError(
                        _("Several answers are marked correct: choose “several correct answers”.")
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    """An assessment graded on the server. A lesson holding a quiz counts as done only
    once every quiz in it is passed; the course is complete when all of them are."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"), min_value=1, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("attempts allowed"), min_value=1, max_value=20, default=3
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Quiz")


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"],
    )
    video = VideoBlock()
    document = DocumentBlock()
    quiz = QuizBlock()
