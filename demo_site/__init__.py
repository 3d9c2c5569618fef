"""The runnable demo site (`make run`): settings, URLs, Celery app, a home page and
demo accounts. It is not part of the installed pack; a host site replaces it."""
