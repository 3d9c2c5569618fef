"""Check a catalog: every language has the same modules, lessons and activities."""

from .markdown_blocks import activity_shape
from .parser import CatalogError, Quiz, course_dirs, read_course

SERIES = {"sse-intro", "gysbi", "gysbp", "coop"}
LEVELS = {"beginner", "intermediate", "advanced"}
COMPLETION = {"manual", "view"}


def question_shape(question):
    spec = question.spec
    sizes = [len(spec.get(k) or []) for k in ("choices", "answers", "pairs", "items",
                                              "statements", "scale", "criteria")]
    sizes += [len(c["levels"]) for c in spec.get("criteria") or []]
    return (question.name, question.kind, *sizes)


def step_shape(step):
    """What must match across languages: activities of a lesson, questions of a quiz."""
    if isinstance(step, Quiz):
        return ("quiz", [question_shape(q) for q in step.questions])
    return ("lesson", [activity_shape(b) for b in step.blocks if b["type"] == "activity"])


def structure(course):
    """{step key: (path, shape)} plus the module list, for comparing languages."""
    lessons = {}
    for module in course.modules:
        for lesson in module.lessons:
            lessons[f"{module.key}/{lesson.key}"] = (lesson.doc.path, step_shape(lesson))
    return [m.key for m in course.modules], lessons


def check_meta(course):
    problems = []
    meta, path = course.doc.meta, course.doc.path
    if meta.get("series") not in SERIES:
        problems.append(CatalogError(path, 2, f"series must be one of {sorted(SERIES)}"))
    if meta.get("level", "beginner") not in LEVELS:
        problems.append(CatalogError(path, 2, f"level must be one of {sorted(LEVELS)}"))
    for key in ("slug", "summary"):
        if not meta.get(key):
            problems.append(CatalogError(path, 2, f"the front matter needs '{key}'"))
    for module in course.modules:
        for step in module.lessons:
            if isinstance(step, Quiz):
                problems.extend(check_quiz(step))
            elif step.doc.meta.get("completion", "manual") not in COMPLETION:
                problems.append(CatalogError(
                    step.doc.path, 2, f"completion must be one of {sorted(COMPLETION)}"))
    return problems


def has_right_answer(question):
    spec = question.spec
    if question.kind in ("single", "multiple"):
        return any(c["fraction"] > 0 for c in spec["choices"])
    if question.kind in ("numeric", "short"):
        return any(a["fraction"] > 0 for a in spec["answers"])
    return True  # true/false, matching, ordering: the answer is the structure itself


def check_quiz(quiz):
    """Every graded question has a right answer; a graded quiz has at least five
    questions, a self-assessment at least one."""
    problems = [
        CatalogError(quiz.doc.path, quiz.doc.body_line + q.line - 1,
                     f"question '{q.name}' has no right answer")
        for q in quiz.questions if not has_right_answer(q)
    ]
    graded = [q for q in quiz.questions if q.kind != "likert"]
    if graded and len(quiz.questions) < 5:
        problems.append(CatalogError(quiz.doc.path, quiz.doc.body_line,
                                     f"a quiz needs at least 5 questions (has {len(quiz.questions)})"))
    if not quiz.questions:
        problems.append(CatalogError(quiz.doc.path, quiz.doc.body_line, "the quiz has no questions"))
    return problems


def validate_catalog(root, languages):
    """Every problem found, as CatalogError (path, line, message); empty when valid."""
    problems = []
    for course_dir in course_dirs(root):
        courses = {}
        for language in languages:
            try:
                courses[language] = read_course(course_dir, language)
            except CatalogError as error:
                problems.append(error)
        if len(courses) != len(languages):
            continue
        for course in courses.values():
            problems.extend(check_meta(course))
        reference_language = languages[0]
        ref_modules, ref_lessons = structure(courses[reference_language])
        for language in languages[1:]:
            modules, lessons = structure(courses[language])
            folder = course_dir / language
            for missing in sorted(set(ref_modules) - set(modules)):
                problems.append(CatalogError(folder / missing, 0, "module missing in this language"))
            for extra in sorted(set(modules) - set(ref_modules)):
                problems.append(CatalogError(folder / extra, 0,
                                             f"module not in '{reference_language}'"))
            for key in sorted(set(ref_lessons) - set(lessons)):
                problems.append(CatalogError(folder / f"{key}.md", 0,
                                             "lesson missing in this language"))
            for key in sorted(set(lessons) - set(ref_lessons)):
                problems.append(CatalogError(lessons[key][0], 0,
                                             f"lesson not in '{reference_language}'"))
            for key in sorted(set(lessons) & set(ref_lessons)):
                if lessons[key][1] != ref_lessons[key][1]:
                    problems.append(CatalogError(
                        lessons[key][0], 0,
                        f"activities or quiz questions differ from '{reference_language}' "
                        "(number, names, kinds, choices or grid sizes)"))
    return problems
