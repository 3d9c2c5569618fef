"""Quizzes: question bank, quiz steps, attempts and grading (see issue #3)."""
