"""Read a learner's posted answers into responses in each question's own order.

Inputs are named by position on the page (`a1`, `a2-0` …) and carry display
positions, never the spec's indexes, so the page reveals nothing about which
option an author wrote first. Anything of the wrong shape is refused.
"""

from django.utils.translation import gettext as _

from courses.permissions import Refused

from .grading import parse_number

MAX_TEXT = 500
MAX_ESSAY = 20_000


def refuse(position, message):
    raise Refused(400, _("Question %(n)s: %(problem)s") % {"n": position, "problem": message})


def as_index(value, size, position):
    if not (isinstance(value, str) and value.isascii() and value.isdigit()) or int(value) >= size:
        refuse(position, _("this is not one of the options."))
    return int(value)


def read_one(kind, spec, order, data, name, position):
    if kind == "single":
        value = data.get(name, "")
        return None if value == "" else order[as_index(value, len(order), position)]
    if kind == "multiple":
        values = data.getlist(name)
        return sorted({order[as_index(v, len(order), position)] for v in values})
    if kind == "truefalse":
        value = data.get(name, "")
        if value not in ("", "true", "false"):
            refuse(position, _("answer true or false."))
        return None if value == "" else value == "true"
    if kind in ("numeric", "short"):
        value = data.get(name, "")
        if len(value) > MAX_TEXT:
            refuse(position, _("the answer is too long."))
        if kind == "numeric" and value.strip() and parse_number(value) is None:
            refuse(position, _("please enter a number, such as 12.5."))
        return value.strip() or None
    if kind == "essay":
        value = data.get(name, "")
        if len(value) > MAX_ESSAY:
            refuse(position, _("the answer is longer than %(n)s characters.") % {"n": MAX_ESSAY})
        return value.strip() or None
    if kind == "matching":
        # prompts in spec order; each picks a displayed match option
        chosen = [data.get(f"{name}-{i}", "") for i in range(len(spec["pairs"]))]
        return [None if v == "" else order[as_index(v, len(order), position)] for v in chosen]
    if kind == "ordering":
        # items shown in display order; the learner gives each a rank 1..n (some may
        # still be empty while they work): response[rank - 1] = the item put there
        ranks = [data.get(f"{name}-{d}", "") for d in range(len(order))]
        given = [rank for rank in ranks if rank != ""]
        if not given:
            return None
        if not all(r.isascii() and r.isdigit() and 1 <= int(r) <= len(order) for r in given):
            refuse(position, _("this is not one of the options."))
        if len({int(r) for r in given}) != len(given):
            refuse(position, _("give each position exactly once."))
        response = [None] * len(order)
        for d, rank in enumerate(ranks):
            if rank != "":
                response[int(rank) - 1] = order[d]
        return response
    if kind == "likert":
        scale = len(spec["scale"])
        chosen = [data.get(f"{name}-{i}", "") for i in range(len(spec["statements"]))]
        return [None if v == "" else as_index(v, scale, position) for v in chosen]
    refuse(position, _("unknown question type."))


def read_responses(layout, questions, data):
    """{question key: response} for the questions present in the POST."""
    known = {f"a{n}" for n in range(1, len(layout) + 1)}
    present = data.getlist("present")
    for name in present:
        if name not in known:
            raise Refused(400, _("This attempt has no question %(name)s.") % {"name": name[:20]})
    for name in data:
        base = name.split("-")[0]
        if name not in ("csrfmiddlewaretoken", "present", "action") and base not in known:
            raise Refused(400, _("This attempt has no question %(name)s.") % {"name": name[:20]})
    responses = {}
    for position, slot in enumerate(layout, start=1):
        name = f"a{position}"
        if name not in present:
            continue
        spec = questions[slot["key"]].spec_data()
        responses[slot["key"]] = read_one(slot["kind"], spec, slot["order"], data, name, position)
    return responses
