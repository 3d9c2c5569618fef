"""Read a course folder in one language into plain data (no database)."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .markdown_blocks import markdown_to_html, parse_lesson_body


class CatalogError(Exception):
    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Document:
    path: Path
    meta: dict
    body: str
    body_line: int  # line number where the body starts, for error messages


@dataclass
class Lesson:
    key: str
    doc: Document
    blocks: list


@dataclass
class Quiz:
    key: str
    doc: Document
    questions: list  # quizzes.gift.ParsedQuestion, named q1, q2…


@dataclass
class Module:
    key: str
    doc: Document
    lessons: list = field(default_factory=list)


@dataclass
class Course:
    key: str
    language: str
    doc: Document
    modules: list = field(default_factory=list)


def read_document(path, required=("title",)):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise CatalogError(path, 1, "the file must start with a '---' front-matter line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CatalogError(path, 1, "the front matter is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise CatalogError(path, line, f"invalid YAML front matter: {error}") from None
    if not isinstance(meta, dict):
        raise CatalogError(path, 2, "the front matter must be a YAML mapping")
    for key in required:
        if not meta.get(key):
            raise CatalogError(path, 2, f"the front matter needs '{key}'")
    return Document(path, meta, "\n".join(lines[end + 1:]), end + 2)


def module_dirs(course_dir):
    return sorted(p for p in course_dir.iterdir() if p.is_dir() and (p / "module.md").exists())


def step_files(module_dir):
    return sorted(p for p in module_dir.glob("*.md") if p.name != "module.md")


def read_quiz(path, doc):
    """A quiz step: its GIFT body parsed; problems raise CatalogError with the line."""
    from quizzes import gift

    result = gift.parse(doc.body)
    if result.problems:
        line, message = result.problems[0]
        raise CatalogError(path, doc.body_line + line - 1, f"quiz: {message}")
    names = [q.name for q in result.questions]
    for question in result.questions:
        if names.count(question.name) > 1:
            raise CatalogError(path, doc.body_line + question.line - 1,
                               f"quiz: the question name '{question.name}' is used twice")
    return Quiz(path.stem, doc, result.questions)


def read_course(course_dir, language):
    folder = course_dir / language
    if not (folder / "course.md").exists():
        raise CatalogError(folder / "course.md", 0, "missing course.md for this language")
    course = Course(course_dir.name, language, read_document(folder / "course.md"))
    course.doc.meta["description_html"] = markdown_to_html(course.doc.body)
    for module_dir in module_dirs(folder):
        module = Module(module_dir.name, read_document(module_dir / "module.md"))
        module.doc.meta["intro_html"] = markdown_to_html(module.doc.body)
        for step_path in step_files(module_dir):
            doc = read_document(step_path)
            if doc.meta.get("type") == "quiz":
                module.lessons.append(read_quiz(step_path, doc))
                continue
            key = "/".join([course.key, module.key, step_path.stem])
            blocks = parse_lesson_body(doc.body, key, step_path, doc.body_line, CatalogError)
            module.lessons.append(Lesson(step_path.stem, doc, blocks))
        course.modules.append(module)
    return course


def course_dirs(root):
    return sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
