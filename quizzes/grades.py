"""Moodle's grade percentages: the share of the mark an answer earns, chosen from a list
(100 %, 90 %, 83.33333 % … None … -100 %) rather than typed as a fraction.

The stored value stays a fraction (1.0, 0.8333333, -0.5); the form shows the list and
snaps a stored value to the nearest grade, as Moodle does on import.
"""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

POSITIVE = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
            0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
ALL_GRADES = POSITIVE + (0.0,) + tuple(-grade for grade in reversed(POSITIVE))
NON_NEGATIVE = POSITIVE + (0.0,)


def percent_text(fraction):
    if fraction == 0:
        return str(_("None"))
    number = formats.number_format(round(fraction * 100, 5), decimal_pos=5)
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return number.rstrip("0").rstrip(separator) + "\u00a0%"


grade_label = lazy(percent_text, str)


def key(fraction):
    return repr(float(fraction))


def as_number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def nearest(fraction, grades):
    return min(grades, key=lambda grade: abs(grade - float(fraction)))


class GradeBlock(blocks.FieldBlock):
    """A grade percentage chosen from Moodle's list; the value is the fraction (a float)."""

    def __init__(self, negative=True, required=True, help_text=None, **kwargs):
        self.grades = ALL_GRADES if negative else NON_NEGATIVE
        self.field = forms.TypedChoiceField(
            choices=[(key(grade), grade_label(grade)) for grade in self.grades],
            coerce=float, required=required, help_text=help_text,
        )
        super().__init__(**kwargs)

    def get_default(self):
        default = self.meta.default
        return float(default) if default is not None else 0.0

    def to_python(self, value):
        number = as_number(value)
        return 0.0 if number is None else number

    def get_prep_value(self, value):
        return self.to_python(value)

    def value_for_form(self, value):
        return key(nearest(self.to_python(value), self.grades))

    def value_from_form(self, value):
        return as_number(value)

    def clean(self, value):
        # A value within half a percent of a grade is that grade (rounding in a GIFT
        # file); anything else was not offered by the form.
        fraction = as_number(value)
        grade = None if fraction is None else nearest(fraction, self.grades)
        if grade is None or abs(grade - fraction) > 0.005:
            raise ValidationError(_("Choose one of the listed grades."))
        return grade

    class Meta:
        default = 0.0
        icon = "pick"
