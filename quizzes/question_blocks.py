"""One StreamField block per question type. A question's `spec` holds exactly one.

Texts (choices, feedback, labels) are CharBlocks, so wagtail-localize offers them
for translation; numbers and flags are shared by all translations.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .grades import GradeBlock


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock()
    fraction = GradeBlock(
        label=_("Grade"), default=0.0,
        help_text=_("Share of the mark this answer earns: 100 % for the right answer; "
                    "a negative grade takes marks away."),
    )
    feedback = blocks.CharBlock(required=False)


class SingleChoiceBlock(blocks.StructBlock):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2)

    class Meta:
        label = _("Single choice")
        icon = "radio-empty"


class MultipleResponseBlock(blocks.StructBlock):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2)
    partial_credit = blocks.BooleanBlock(
        required=False, default=True,
        help_text=_("Give part of the mark for a partly right selection."),
    )

    class Meta:
        label = _("Multiple response")
        icon = "tasks"


class TrueFalseBlock(blocks.StructBlock):
    answer = blocks.BooleanBlock(required=False, help_text=_("Ticked: the statement is true."))
    feedback_true = blocks.CharBlock(required=False)
    feedback_false = blocks.CharBlock(required=False)

    class Meta:
        label = _("True / false")
        icon = "tick"


class NumericAnswerBlock(blocks.StructBlock):
    value = blocks.FloatBlock()
    tolerance = blocks.FloatBlock(default=0, min_value=0)
    fraction = GradeBlock(negative=False, label=_("Grade"), default=1.0)
    feedback = blocks.CharBlock(required=False)


class NumericBlock(blocks.StructBlock):
    answers = blocks.ListBlock(NumericAnswerBlock(), min_num=1)
    unit = blocks.CharBlock(required=False)
    wrong_feedback = blocks.CharBlock(
        required=False, default="", label=_("Feedback for any other answer"),
        help_text=_("Shown when the number matches none of the answers above."))

    class Meta:
        label = _("Numeric")
        icon = "order"


class ShortAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(help_text=_("* stands for any characters (\\* for a star): "
                                        "* alone accepts any answer, as in Moodle."))
    fraction = GradeBlock(negative=False, label=_("Grade"), default=1.0)
    feedback = blocks.CharBlock(required=False)


class ShortTextBlock(blocks.StructBlock):
    answers = blocks.ListBlock(ShortAnswerBlock(), min_num=1)
    ignore_case = blocks.BooleanBlock(required=False, default=True)
    ignore_accents = blocks.BooleanBlock(required=False, default=False)

    class Meta:
        label = _("Short text")
        icon = "pilcrow"


class PairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock()
    match = blocks.CharBlock()


class MatchingBlock(blocks.StructBlock):
    pairs = blocks.ListBlock(PairBlock(), min_num=2)
    distractors = blocks.ListBlock(
        blocks.CharBlock(), default=[], label=_("Wrong matches"),
        help_text=_("Offered with the matches, right for no prompt."))

    class Meta:
        label = _("Matching")
        icon = "link"


class OrderingBlock(blocks.StructBlock):
    items = blocks.ListBlock(blocks.CharBlock(), min_num=2,
                             help_text=_("In the right order; learners see them shuffled."))

    class Meta:
        label = _("Ordering")
        icon = "list-ol"


class ScalePointBlock(blocks.StructBlock):
    label = blocks.CharBlock()
    points = blocks.IntegerBlock(default=0)


class BandBlock(blocks.StructBlock):
    min_score = blocks.IntegerBlock(default=0)
    feedback = blocks.CharBlock()


class LikertBlock(blocks.StructBlock):
    statements = blocks.ListBlock(blocks.CharBlock(), min_num=1)
    scale = blocks.ListBlock(ScalePointBlock(), min_num=2)
    bands = blocks.ListBlock(BandBlock(), min_num=1,
                             help_text=_("Feedback for a total score of at least min score."))

    class Meta:
        label = _("Self-assessment (Likert scale)")
        icon = "pick"


class LevelBlock(blocks.StructBlock):
    points = blocks.IntegerBlock(min_value=0, default=0)
    label = blocks.CharBlock()


class CriterionBlock(blocks.StructBlock):
    name = blocks.CharBlock()
    levels = blocks.ListBlock(LevelBlock(), min_num=2,
                              help_text=_("From the weakest answer to the best."))


class EssayBlock(blocks.StructBlock):
    """A free-text answer that a trainer or the learner's facilitator grades."""

    criteria = blocks.ListBlock(
        CriterionBlock(), default=[], label=_("Criteria"),
        help_text=_("Optional rubric: the grader picks a level per criterion and the mark is "
                    "the share of the points. Without criteria, the grader gives the mark."))
    grader_info = blocks.TextBlock(
        required=False, default="", label=_("Information for graders"),
        help_text=_("Never shown to learners: what a good answer contains."))
    response_lines = blocks.IntegerBlock(default=10, min_value=3, max_value=40,
                                         label=_("Lines of the answer box"))

    class Meta:
        label = _("Essay (graded by a person)")
        icon = "edit"


QUESTION_TYPE_BLOCKS = [
    ("single", SingleChoiceBlock()),
    ("multiple", MultipleResponseBlock()),
    ("truefalse", TrueFalseBlock()),
    ("numeric", NumericBlock()),
    ("short", ShortTextBlock()),
    ("matching", MatchingBlock()),
    ("ordering", OrderingBlock()),
    ("likert", LikertBlock()),
    ("essay", EssayBlock()),
]
KINDS = [name for name, _block in QUESTION_TYPE_BLOCKS]
