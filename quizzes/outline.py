from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import Attempt, QuizPage


def best_grades(user, quiz_keys):
    """{quiz key: "Best grade: 80%"} for the learner's submitted attempts, for quizzes
    whose review options show marks (two queries)."""
    now = timezone.now()
    showing = QuizPage.objects.filter(translation_key__in=quiz_keys, locale=Locale.get_default()).filter(
        Q(review_after_marks=True) | Q(review_closed_marks=True, closes_at__lte=now)
    ).values_list("translation_key", flat=True)
    rows = (Attempt.objects.filter(user=user, quiz_key__in=list(showing),
                                   state=Attempt.SUBMITTED, grade__isnull=False)
            .values("quiz_key").annotate(best=Max("grade")))
    return {row["quiz_key"]: _("Best grade: %(grade)s%%") % {"grade": round(row["best"])}
            for row in rows}
