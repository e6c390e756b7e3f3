"""Lesson blocks: what editors are stopped from publishing and what learners get."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from catalog.blocks import LessonBodyBlock, QuestionBlock


def question(kind, correct_flags):
    block = QuestionBlock()
    return block, block.to_python(
        {
            "prompt": "Which?",
            "kind": kind,
            "feedback": "",
            "choices": [
                {"text": f"Choice {i}", "correct": flag} for i, flag in enumerate(correct_flags)
            ],
        }
    )


@pytest.mark.parametrize(
    "kind, flags",
    [("single", [False, False]), ("single", [True, True]), ("multiple", [False, False, False])],
)
def test_questions_nobody_could_answer_are_refused(kind, flags):
    block, value = question(kind, flags)
    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_well_formed_question_is_accepted():
    block, value = question("multiple", [True, True, False])
    assert block.clean(value)["kind"] == "multiple"


@pytest.mark.django_db
def test_video_has_captions_and_a_transcript_and_documents_download(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    captions = Document.objects.create(
        title="Captions", file=ContentFile(b"WEBVTT\n", name="captions.vtt")
    )
    handout = Document.objects.create(
        title="Workbook", file=ContentFile(b"%PDF-1.4", name="workbook.pdf")
    )
    body = LessonBodyBlock().to_python(
        [
            {
                "type": "video",
                "value": {
                    "title": "Budget cycle explained",
                    "url": "https://media.example/budget.mp4",
                    "captions": captions.pk,
                    "captions_language": "fr",
                    "transcript": "<p>The finance ministry issues the circular.</p>",
                },
            },
            {"type": "document", "value": {"document": handout.pk, "description": "Exercises"}},
        ]
    )
    html = body.render_as_block()
    assert '<source src="https://media.example/budget.mp4">' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="fr"' in html
    assert "<summary>Transcript</summary>" in html
    assert "The finance ministry issues the circular." in html
    assert f'href="{handout.url}" download>Workbook</a>' in html
    assert "(PDF" in html
