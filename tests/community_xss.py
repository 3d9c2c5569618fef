"""An XSS corpus (each vector tries to set window.__xss or open a dialog) and a checker
that lists what in a page could run script. Shared by the unit and browser tests."""

import html
import re
from html.parser import HTMLParser

CORPUS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    '<a href="javascript:window.__xss=1">click</a>',
    "[click](javascript:window.__xss=1)",
    "[click](JAVASCRIPT:window.__xss=1)",
    "[click](  javascript:window.__xss=1)",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<body onload="window.__xss=1">',
    '<div style="background:url(javascript:window.__xss=1)">styled</div>',
    '<p style="color:red" onclick="window.__xss=1">click me</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<details open ontoggle="window.__xss=1">x</details>',
    '<input autofocus onfocus="window.__xss=1">',
    '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">data</a>',
    "[data](data:text/html,<script>window.__xss=1</script>)",
    '<object data="javascript:window.__xss=1"></object>',
    '<embed src="javascript:window.__xss=1">',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '<video><source onerror="window.__xss=1"></video>',
    '<audio src=x onerror="window.__xss=1">',
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '<a href="&#106;avascript:window.__xss=1">entity</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '![x](x" onerror="window.__xss=1)',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<link rel="import" href="data:text/html,<script>window.__xss=1</script>">',
    '<base href="javascript:window.__xss=1//">',
    "<template><script>window.__xss=1</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<style>@import 'javascript:window.__xss=1';</style>",
    "`<script>window.__xss=1</script>`",
    '<a href="vbscript:window.__xss=1">vb</a>',
    '<marquee onstart="window.__xss=1">m</marquee>',
    "<img src=x onerror=alert(1)>",
    '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"></svg>',
    "[link](https://example.org \"title\" onmouseover=alert(1))",
]

RUNNABLE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input",
                 "base", "meta", "link", "video", "audio", "details", "template", "noscript",
                 "marquee", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}
SAFE_SCHEMES = re.compile(r"^(https?:|mailto:|/|#|\?|[^:]*$)", re.IGNORECASE)


class _Checker(HTMLParser):
    def __init__(self, allowed_scripts):
        super().__init__(convert_charrefs=True)
        self.problems, self.allowed_scripts, self.in_script = [], allowed_scripts, False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.in_script = True
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"script not from /static/: {attrs}")
        elif tag in RUNNABLE_TAGS and tag not in self.allowed_scripts:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append(f"<meta http-equiv>: {attrs}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r}")
            if name == "style" and "__xss" in value:
                self.problems.append(f"style={value!r}")
            if name in URL_ATTRIBUTES:
                compact = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                if not SAFE_SCHEMES.match(compact):
                    self.problems.append(f"{name}={value!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")


# A whole page legitimately has these (head, forms); what they could carry is still checked.
PAGE_TAGS = {"meta", "link", "form", "input", "details"}


def problems_in(page_html, allowed_tags=()):
    """What in this HTML could run script ([] when nothing)."""
    checker = _Checker(set(allowed_tags))
    checker.feed(page_html)
    checker.close()
    return checker.problems
