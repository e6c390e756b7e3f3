"""The catalogue as a Wagtail page tree.

    CatalogPage (/courses/)
      └─ ProviderPage (/courses/<provider>/)       one per content provider
           └─ CoursePage                            summary, language, hours, competencies
                └─ ModulePage
                     └─ LessonPage                  StreamField: text, video, document, quiz

Courses sit under their provider's page because Wagtail grants editing rights by subtree:
a provider's editors group gets add/edit rights on its own ProviderPage only, so it cannot
touch another provider's courses, and it has no publish right, so every change passes the
moderation workflow before learners see it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalog.additions import course_page_addition, lesson_page_addition
from catalog.blocks import LessonBodyBlock
from catalog.choosers import ProficiencyLevelSelect, competency_chooser_viewset
from catalog.course_review import ReviewedWithCourse
from catalog.hours import LessonHoursPanel
from catalog.languages import LanguageSelect, language_name, validate_course_language
from catalog.outline import outline_steps
from catalog.page_forms import DraftTolerantPageForm
from catalog.quizzes import Quiz, quizzes_in


class CatalogPage(Page):
    """The course catalogue: faceted, searchable, paginated list of published courses."""

    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.ProviderPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from catalog.catalogue import browse_catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(browse_catalogue(self, request))
        return context


class ProviderPage(Page):
    """A content provider: a ministry, training institute, university, civil-society or
    private organisation. Its editors group may author courses below this page only."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government ministry or agency")
        INSTITUTE = "institute", _("Training institute")
        UNIVERSITY = "university", _("University")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE = "private", _("Private company")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="provider",
        help_text=_("Members may draft this provider's courses and submit them for review."),
    )

    parent_page_types = ["catalog.CatalogPage"]
    subpage_types = ["catalog.CoursePage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    class Meta:
        verbose_name = _("content provider")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().order_by("title")
        return context


class CoursePage(Page):
    """A course as learners find it in the catalogue and as providers author it."""

    class Level(models.TextChoices):
        FOUNDATION = "foundation", _("Foundation")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences shown in listings.")
    )
    description = RichTextField(_("description"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=35,
        validators=[validate_course_language],
        help_text=_("The language the course is taught in."),
    )
    duration_hours = models.DecimalField(
        _("duration (learning hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.FOUNDATION
    )
    provider = models.ForeignKey(
        ProviderPage,
        verbose_name=_("provider"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="course_pages",
        help_text=_("Kept equal to the parent provider page so listings filter in one query."),
    )

    class CertificateRule(models.TextChoices):
        COMPLETION = "completion", _("Completion: every lesson done, every quiz passed")
        MERIT = "merit", _("Merit: completion and a minimum mean score across the quizzes")

    # What earns this course's certificate (read by the certificates app; catalog only
    # stores the rule so editors set it beside the course's other facts).
    certificate_rule = models.CharField(
        _("certificate earned by"),
        max_length=20,
        choices=CertificateRule.choices,
        default=CertificateRule.COMPLETION,
    )
    certificate_min_score = models.PositiveSmallIntegerField(
        _("minimum mean quiz score (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "For merit certificates: the mean of the learner's best attempt at each quiz "
            "must reach this score."
        ),
    )
    credited_hours = models.DecimalField(
        _("credited learning hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("Hours a completion credits to the learner; empty means the duration."),
    )

    parent_page_types = ["catalog.ProviderPage"]
    subpage_types = ["catalog.ModulePage"]
    base_form_class = DraftTolerantPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("language", widget=LanguageSelect),
                FieldPanel("duration_hours"),
                LessonHoursPanel(),
                FieldPanel("level"),
            ],
            heading=_("Facts"),
        ),
        InlinePanel("competencies", label=_("Competencies addressed"), heading=_("Competencies")),
        MultiFieldPanel(
            [
                FieldPanel("certificate_rule"),
                FieldPanel("certificate_min_score"),
                FieldPanel("credited_hours"),
            ],
            heading=_("Certificate"),
        ),
        InlinePanel("prerequisites", label=_("Prerequisite"), heading=_("Prerequisites")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("language"),
        index.FilterField("level"),
        index.FilterField("provider_id"),
    ]

    class Meta:
        verbose_name = _("course")

    def save(self, *args, **kwargs):
        # The provider is the parent page; keep the column in step so the catalogue can
        # facet and filter on it without walking the tree.
        if self.path and self.depth > 1:
            parent_path = self.path[: -self.steplen]
            self.provider_id = (
                ProviderPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
            )
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        merit = self.certificate_rule == self.CertificateRule.MERIT
        if merit and self.certificate_min_score is None:
            raise ValidationError(
                {"certificate_min_score": _("A merit certificate needs a minimum score.")}
            )

    @property
    def hours_credited(self) -> Decimal:
        """Learning hours a completion credits: the declared figure, else the duration."""
        return self.credited_hours if self.credited_hours is not None else self.duration_hours

    @property
    def language_name(self) -> str:
        return language_name(self.language, get_language())

    def outline(self, *, bodies: bool = True) -> list[tuple[ModulePage, list[LessonPage]]]:
        """Live modules with their live lessons, in tree order, in two queries
        (``bodies=False`` leaves the lessons' StreamFields unread, for outlines only)."""
        modules = list(ModulePage.objects.child_of(self).live().order_by("path"))
        lessons = LessonPage.objects.descendant_of(self).live().order_by("path")
        if not bodies:
            lessons = lessons.defer_streamfields()
        by_module: dict[str, list[LessonPage]] = {module.path: [] for module in modules}
        for lesson in lessons:
            by_module.get(lesson.path[: -lesson.steplen], []).append(lesson)
        return [(module, by_module[module.path]) for module in modules]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = self.outline()
        addition = course_page_addition(request, self, outline)
        context["addition"] = addition
        context["outline"] = outline_steps(
            request, outline, addition.done_lessons, addition.lesson_links, addition.lesson_notes
        )
        context["competency_links"] = self.competencies.select_related(
            "competency__framework", "target_level__framework"
        )
        context["prerequisite_courses"] = [
            link.required_course
            for link in self.prerequisites.select_related("required_course")
            if link.required_course.live
        ]
        return context


class CourseCompetency(Orderable):
    """A competency the course develops, and the proficiency level it aims at."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(
        "competencies.Competency",
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="course_links",
        limit_choices_to={"is_retired": False},
    )
    target_level = models.ForeignKey(
        "competencies.ProficiencyLevel",
        verbose_name=_("target proficiency level"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_retired": False},
    )

    panels = [
        FieldPanel("competency", widget=competency_chooser_viewset.widget_class),
        FieldPanel("target_level", widget=ProficiencyLevelSelect),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("course competency")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "competency"], name="catalog_course_competency_once"
            )
        ]

    def clean(self):
        super().clean()
        level, competency = self.target_level, getattr(self, "competency", None)
        if level and competency and level.framework_id != competency.framework_id:
            raise ValidationError(
                {"target_level": _("Choose a level of the competency's own framework.")}
            )


class CoursePrerequisite(Orderable):
    """A course the learner is advised to finish first (advice, not a lock)."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    required_course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="required_by",
    )

    panels = [FieldPanel("required_course")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")

    def clean(self):
        if self.course_id and self.required_course_id == self.course_id:
            raise ValidationError({"required_course": _("A course cannot require itself.")})


class ModulePage(ReviewedWithCourse, Page):
    """A chapter of a course: groups lessons; its own URL shows the lesson list."""

    summary = models.TextField(_("summary"), blank=True)

    parent_page_types = ["catalog.CoursePage"]
    subpage_types = ["catalog.LessonPage"]
    base_form_class = DraftTolerantPageForm

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("module")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["lessons"] = LessonPage.objects.child_of(self).live().order_by("path")
        return context


class LessonPage(ReviewedWithCourse, Page):
    """One sitting of learning: text, video, downloads and quizzes."""

    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MinValueValidator(1)]
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_(
            "Optional lessons do not hold back completion (lessons with a quiz always do)."
        ),
    )
    # Per lesson rather than "the first N lessons of a course": the provider picks what
    # shows the course best (an introduction, one worked case), and moving or adding
    # lessons never opens or closes another one behind the editor's back.
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_(
            "Anyone may read this lesson before enrolling, without signing in. "
            "Its quizzes stay closed until the learner enrols."
        ),
    )

    parent_page_types = ["catalog.ModulePage"]
    subpage_types: list[str] = []
    base_form_class = DraftTolerantPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required")], heading=_("Completion")
        ),
        FieldPanel("free_preview"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    @cached_property
    def quizzes(self) -> list[Quiz]:
        return quizzes_in(self.body)

    def quiz(self, quiz_id: str) -> Quiz | None:
        return next((quiz for quiz in self.quizzes if quiz.id == quiz_id), None)

    @property
    def counts_for_completion(self) -> bool:
        return self.required or bool(self.quizzes)

    def serve(self, request, *args, **kwargs):
        # Lessons are for signed-in civil servants: progress, quizzes and hours need a
        # learner. Anonymous visitors see the course page and are asked to sign in here,
        # except on the lessons the provider opened as a free preview.
        if not request.user.is_authenticated and not self.free_preview:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        outline = course.outline(bodies=False)
        lessons = [lesson for _module, module_lessons in outline for lesson in module_lessons]
        index = next((i for i, other in enumerate(lessons) if other.pk == self.pk), 0)
        addition = lesson_page_addition(request, self)
        quizzes = {quiz.id: quiz for quiz in self.quizzes}
        context.update(
            course=course,
            addition=addition,
            # Each block with, for a quiz, its questions and what an app put under its title.
            sections=[
                (block, quizzes.get(block.id), addition.quizzes.get(block.id, ""))
                for block in self.body
            ],
            previous_lesson=lessons[index - 1] if index > 0 else None,
            next_lesson=lessons[index + 1] if index + 1 < len(lessons) else None,
            lesson_position=index + 1,
            lesson_total=len(lessons),
            # The course beside the lesson: each step done, current or still to do.
            outline=outline_steps(
                request, outline, addition.done_lessons, addition.lesson_links, current=self
            ),
            preview=not request.user.is_authenticated,
        )
        return context


# The catalogue lives at /courses/: the demo and the tests create it with this slug.
CATALOGUE_SLUG = "courses"
