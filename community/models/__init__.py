from .ideas import Idea, Support, SupportAllowance
from .posts import Attachment, Post, PostLike, PostRevision, PostTranslation
from .spaces import Space, Topic
from .threads import Synthesis, Tag, Thread

__all__ = [
    "Attachment",
    "Idea",
    "Post",
    "PostLike",
    "PostRevision",
    "PostTranslation",
    "Space",
    "Support",
    "SupportAllowance",
    "Synthesis",
    "Tag",
    "Thread",
    "Topic",
]
