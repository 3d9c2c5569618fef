"""Learners' Markdown → HTML that is safe to show: rendered by Markdown, sanitised by nh3.

nh3 keeps a short list of tags and attributes and only http(s)/mailto links; scripts,
event handlers, inline styles, iframes, images and `javascript:` URLs never pass.
Images are shared as attachments (checked uploads), not as remote <img> tags.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_MARKDOWN_CHARS = 20_000


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["sane_lists", "fenced_code"],
                             output_format="html")
    return sanitise(html)


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )
