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

from catalog.quizzes import (
    DEFAULT_COOLDOWN_HOURS,
    FEEDBACK_ALWAYS,
    FEEDBACK_NEVER,
    FEEDBACK_WHEN_FINAL,
)


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
        help_text=_("Shown with the result, when the quiz's feedback setting allows."),
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
    # The policy below was added after the first quizzes were published: a stored quiz
    # without these keys reads them as their defaults, which are the safe choices.
    cooldown_hours = blocks.IntegerBlock(
        label=_("cool-down after the last attempt (hours)"),
        min_value=0,
        max_value=8760,
        default=DEFAULT_COOLDOWN_HOURS,
        help_text=_(
            "Once every attempt is used, the learner may start a fresh set of attempts after "
            "this many hours. 0: only a reviewer or an administrator can allow more."
        ),
    )
    questions_per_attempt = blocks.IntegerBlock(
        label=_("questions drawn per attempt"),
        min_value=1,
        required=False,
        help_text=_(
            "Leave empty to ask every question. With a number, each attempt draws that many "
            "questions from the list above, so attempts differ."
        ),
    )
    shuffle_choices = blocks.BooleanBlock(
        label=_("shuffle answer choices"),
        required=False,
        default=True,
        help_text=_(
            "Each attempt shows the choices in its own order. Turn off when a choice refers "
            "to the others (“all of the above”)."
        ),
    )
    feedback = blocks.ChoiceBlock(
        label=_("show right/wrong and feedback per question"),
        choices=[
            (FEEDBACK_WHEN_FINAL, _("Once passed or every attempt is used (recommended)")),
            (FEEDBACK_ALWAYS, _("After every attempt")),
            (FEEDBACK_NEVER, _("Never: the score only")),
        ],
        default=FEEDBACK_WHEN_FINAL,
        help_text=_(
            "Showing it after every attempt lets learners find the answers by elimination. "
            "The score and the learner's own answers are always shown."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Quiz")

    def clean(self, value):
        """A pool cannot draw more questions than the quiz holds."""
        value = super().clean(value)
        drawn = value.get("questions_per_attempt")
        if drawn and drawn > len(value["questions"]):
            raise StructBlockValidationError(
                block_errors={
                    "questions_per_attempt": ValidationError(
                        _("The quiz has only %(n)d questions.") % {"n": len(value["questions"])}
                    )
                }
            )
        return value


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"],
    )
    video = VideoBlock()
    document = DocumentBlock()
    quiz = QuizBlock()
