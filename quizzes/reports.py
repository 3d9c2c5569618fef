"""Per-quiz statistics for trainers: attempts, grades, per-question and per-choice counts."""

import csv
import io
from collections import Counter

from .models import Attempt
from .services import questions_by_key


def quiz_report(quiz):
    attempts = list(Attempt.objects.filter(quiz_key=quiz.translation_key, state=Attempt.SUBMITTED)
                    .select_related("user").order_by("submitted_at"))
    grades = [a.grade for a in attempts if a.grade is not None]
    distribution = Counter(min(int(g // 10), 9) for g in grades)
    keys = list(dict.fromkeys(slot["key"] for a in attempts for slot in a.layout))
    questions = questions_by_key(keys)
    per_question = []
    for key in keys:
        question = questions.get(key)
        if question is None:
            continue
        results = [a.results.get(key) for a in attempts if key in a.results]
        right = sum(1 for r in results if r and r.get("fraction") is not None
                    and r["fraction"] >= 0.999)
        choices = Counter()
        for a in attempts:
            response = a.answers.get(key)
            if question.kind in ("single", "multiple") and response is not None:
                choices.update(response if isinstance(response, list) else [response])
        spec = question.spec_data()
        per_question.append({
            "name": question.name, "kind": question.kind, "seen": len(results),
            "right_share": round(100 * right / len(results)) if results else None,
            "choices": [{"text": c["text"], "count": choices.get(i, 0),
                         "right": c["fraction"] > 0}
                        for i, c in enumerate(spec.get("choices", []))],
        })
    return {
        "attempts": attempts,
        "count": len(attempts),
        "average": round(sum(grades) / len(grades), 1) if grades else None,
        "distribution": [{"band": f"{b * 10}–{b * 10 + 9 if b < 9 else 100}%",
                          "count": distribution.get(b, 0)} for b in range(10)],
        "questions": per_question,
        "keys": keys,
        "names": {key: q.name for key, q in questions.items()},
    }


def safe_cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(quiz):
    report = quiz_report(quiz)
    keys, names = report["keys"], report["names"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", "email", "attempt", "started", "submitted", "grade"]
                    + [safe_cell(names.get(k, k)) for k in keys])
    for a in report["attempts"]:
        writer.writerow([safe_cell(a.user.get_full_name()), safe_cell(a.user.email), a.number,
                         a.started_at.isoformat(), a.submitted_at.isoformat(), a.grade]
                        + [(a.results.get(k) or {}).get("mark", "") for k in keys])
    return out.getvalue()
