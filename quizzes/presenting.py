"""Questions as template-ready data: the attempt form, and the review.

The attempt form carries only what a learner needs to answer: texts in display
order, their saved choices, and input names. Fractions, feedback and right
answers are added only by `review_items`, when the review options allow.
"""

from .grading import right_answer_text


def form_item(position, slot, question, response):
    spec = question.spec_data()
    order = slot["order"]
    name = f"a{position}"
    item = {"position": position, "name": name, "kind": slot["kind"], "text": question.text,
            "mark": slot["mark"]}
    kind = slot["kind"]
    if kind in ("single", "multiple"):
        chosen = set(response if isinstance(response, list) else [response])
        item["options"] = [{"value": d, "text": spec["choices"][i]["text"], "checked": i in chosen}
                           for d, i in enumerate(order)]
    elif kind == "truefalse":
        item["value"] = response
    elif kind in ("numeric", "short"):
        item["value"] = response or ""
        item["unit"] = spec.get("unit", "")
    elif kind == "essay":
        item["value"] = response or ""
        item["lines"] = spec.get("response_lines") or 10
    elif kind == "matching":
        response = response or [None] * len(spec["pairs"])
        matches = [pair["match"] for pair in spec["pairs"]] + list(spec.get("distractors") or [])
        options = [{"value": d, "text": matches[i]} for d, i in enumerate(order)]
        item["rows"] = [{"name": f"{name}-{i}", "prompt": pair["prompt"], "options": options,
                         "selected": order.index(response[i]) if response[i] is not None else None}
                        for i, pair in enumerate(spec["pairs"])]
    elif kind == "ordering":
        ranks = {item_index: rank for rank, item_index in enumerate(response or [], start=1)
                 if item_index is not None}
        item["rows"] = [{"name": f"{name}-{d}", "text": spec["items"][i], "rank": ranks.get(i)}
                        for d, i in enumerate(order)]
        item["ranks"] = list(range(1, len(order) + 1))
    elif kind == "likert":
        response = response or [None] * len(spec["statements"])
        item["scale"] = [{"value": i, "label": point["label"]} for i, point in enumerate(spec["scale"])]
        item["rows"] = [{"name": f"{name}-{i}", "text": statement, "selected": response[i]}
                        for i, statement in enumerate(spec["statements"])]
    return item


def form_items(attempt, questions):
    return [form_item(n, slot, questions[slot["key"]], attempt.answers.get(slot["key"]))
            for n, slot in enumerate(attempt.layout, start=1)]


def preview_items(quiz):
    """The questions as a learner's new attempt shows them (the "As a learner" preview):
    the same form items, so no right answer or feedback can reach the page."""
    from types import SimpleNamespace

    from .services import draw_layout, questions_for

    attempt = SimpleNamespace(layout=draw_layout(quiz), answers={})
    return form_items(attempt, questions_for(attempt))


def review_items(attempt, questions, options):
    """The attempt as answered, with what the review options allow and nothing more."""
    items = form_items(attempt, questions)
    for item, slot in zip(items, attempt.layout, strict=True):
        question = questions[slot["key"]]
        result = attempt.results.get(slot["key"], {})
        item["readonly"] = True
        if options["correctness"] and result.get("fraction") is not None:
            fraction = result["fraction"]
            item["correctness"] = "right" if fraction >= 0.999 else (
                "partial" if fraction > 0 else "wrong")
        if options["marks"]:
            item["awarded"] = result.get("mark")
        if options["feedback"]:
            item["feedback"] = list(result.get("feedback") or [])
            if question.general_feedback:
                item["feedback"].append(question.general_feedback)
        if options["right_answers"]:
            item["right_answer"] = right_answer_text(slot["kind"], question.spec_data())
        if slot["kind"] == "likert":  # a self-assessment's own result is always shown
            item["score"] = result.get("score")
            general = [question.general_feedback] if question.general_feedback else []
            item["feedback"] = list(result.get("feedback") or []) + general
        if slot["kind"] == "essay":  # a grader's words are always shown, once graded
            item["pending"] = bool(result.get("pending"))
            item["feedback"] = [] if item["pending"] else list(result.get("feedback") or [])
            item["rubric"] = result.get("rubric") or []
    return items
