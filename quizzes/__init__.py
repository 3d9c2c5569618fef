"""Quizzes: question bank, quiz steps, attempts with server-side grading, GIFT import/export."""
