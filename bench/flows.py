"""The flows the benchmark measures. Later features add theirs to FLOWS.

A flow gets the scenario built for one scale point and returns (url, expected):
the benchmark requests the url as the scenario's learner and checks that the
response contains `expected`, so a run proves it did the work it reports.
"""


def course_page(scenario):
    return scenario["course"].url, f"{scenario['percent']}%"


def lesson_page(scenario):
    lesson = scenario["lessons"][len(scenario["lessons"]) // 2 + 1]
    return lesson.url, lesson.title


def dashboard(scenario):
    return "/en/dashboard/", scenario["course"].title


FLOWS = [
    ("course page", course_page),
    ("lesson page", lesson_page),
    ("dashboard", dashboard),
]
