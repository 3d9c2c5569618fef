"""SSE Academy: the platform that ties courses, quizzes and community together,
and the runnable site (settings, urls, Celery app)."""
