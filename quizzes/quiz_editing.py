"""Changing a quiz's list of questions outside the page editor: add several at once,
remove, move. Each change is a new draft revision of the quiz, made from its latest
revision (so unpublished edits are kept), under a row lock so two tabs cannot lose
each other's change. Publishing stays the trainer's decision."""

import uuid

from django.db import transaction
from wagtail.models import Page

from .models import Question, QuizPage


class QuizChangeRefused(Exception):
    pass


def latest_draft(quiz):
    return quiz.get_latest_revision_as_object() if quiz.latest_revision_id else quiz


def entries(quiz):
    """The quiz's list as raw blocks: {"type", "value", "id"} (value: question pk, or
    the random draw's settings), from its latest revision."""
    return [dict(block) for block in latest_draft(quiz).questions.raw_data]


def question_ids(blocks):
    return [block["value"] for block in blocks if block["type"] == "question"]


@transaction.atomic
def change(quiz, user, edit):
    """Apply `edit(blocks) -> blocks` to the quiz's latest revision and save it as a draft."""
    Page.objects.select_for_update().filter(pk=quiz.pk).first()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    draft = latest_draft(quiz)
    draft.questions = edit([dict(block) for block in draft.questions.raw_data])
    return draft.save_revision(user=user, log_action=True)


def add_questions(quiz, user, questions):
    """Appends the questions that are not in the quiz yet; returns how many were added."""
    added = []

    def edit(blocks):
        present = set(question_ids(blocks))
        for question in questions:
            if question.pk not in present:
                present.add(question.pk)
                added.append(question)
                blocks.append({"type": "question", "value": question.pk, "id": str(uuid.uuid4())})
        return blocks

    if questions:
        change(quiz, user, edit)
    return added


def remove_block(quiz, user, block_id):
    def edit(blocks):
        kept = [block for block in blocks if block["id"] != block_id]
        if len(kept) == len(blocks):
            raise QuizChangeRefused(block_id)
        return kept

    change(quiz, user, edit)


def move_block(quiz, user, block_id, position):
    """Moves the block to `position` (0-based, clamped to the list)."""
    def edit(blocks):
        index = next((i for i, block in enumerate(blocks) if block["id"] == block_id), None)
        if index is None:
            raise QuizChangeRefused(block_id)
        block = blocks.pop(index)
        blocks.insert(max(0, min(position, len(blocks))), block)
        return blocks

    change(quiz, user, edit)


def questions_of(blocks):
    """{pk: Question} for the question blocks (one query)."""
    return Question.objects.select_related("category", "locale").in_bulk(question_ids(blocks))
