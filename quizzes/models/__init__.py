from .attempts import Attempt
from .bank import Question, QuestionCategory
from .quiz import QuizPage

__all__ = ["Attempt", "Question", "QuestionCategory", "QuizPage"]
