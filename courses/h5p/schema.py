"""What H5P core requires of h5p.json and library.json, property by property.

The rules follow H5P core's validator (h5p-php-library, H5PValidator): a string is a
pattern the value must match, a dict lists the properties each item must have (a
list of such items, or one), a list names the allowed options. Patterns are matched
on the UTF-8 bytes, as PHP's preg_match does without /u: "1 to 255" counts bytes.
"""

import re

NAME = r"^[\w0-9\-\.]{1,255}$"
VERSION = r"^[0-9]{1,5}$"
DEPENDENCY = {"machineName": (NAME, re.I), "majorVersion": VERSION, "minorVersion": VERSION}
EMBED_TYPES = ["iframe", "div"]
# H5P core's file pattern is ((\\|/)?[a-z_\-\s0-9\.]+)+\.js; written here without the
# nested repetition, which backtracks without end on a long name that does not match.
PATH_PART = r"[a-z_\-\s0-9\.]+"
SCRIPT_PATH = (rf"^(\\|/)?{PATH_PART}((\\|/){PATH_PART})*\.js$", re.I)
STYLE_PATH = (rf"^(\\|/)?{PATH_PART}((\\|/){PATH_PART})*\.css$", re.I)

H5P_REQUIRED = {
    "title": r"^.{1,255}$",
    "language": r"^[-a-zA-Z]{1,10}$",
    "preloadedDependencies": DEPENDENCY,
    "mainLibrary": (r"^[$a-z_][0-9a-z_\.$]{1,254}$", re.I),
    "embedTypes": EMBED_TYPES,
}
H5P_OPTIONAL = {
    "contentType": r"^.{1,255}$",
    "dynamicDependencies": DEPENDENCY,
    "author": r"^.{1,255}$",
    "authors": {"name": r"^.{1,255}$", "role": r"^\w+$"},
    "source": r"^(http[s]?://.+)$",
    "license": r"^(CC BY|CC BY-SA|CC BY-ND|CC BY-NC|CC BY-NC-SA|CC BY-NC-ND|CC0 1\.0|GNU GPL|PD"
               r"|ODC PDDL|CC PDM|U|C)$",
    "licenseVersion": r"^(1\.0|2\.0|2\.5|3\.0|4\.0)$",
    "licenseExtras": (r"^.{1,5000}$", re.S),
    "yearsFrom": r"^([0-9]{1,4})$",
    "yearsTo": r"^([0-9]{1,4})$",
    "changes": {"date": r"^[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}:[0-9]{2}$",
                "author": r"^.{1,255}$", "log": (r"^.{1,5000}$", re.S)},
    "authorComments": (r"^.{1,5000}$", re.S),
    "w": r"^[0-9]{1,4}$",
    "h": r"^[0-9]{1,4}$",
    "metaKeywords": r"^.{1,}$",
    "metaDescription": r"^.{1,}$",
}
LIBRARY_REQUIRED = {
    "title": r"^.{1,255}$",
    "majorVersion": VERSION,
    "minorVersion": VERSION,
    "patchVersion": VERSION,
    "machineName": (NAME, re.I),
    "runnable": r"^(0|1)$",
}
LIBRARY_OPTIONAL = {
    "author": r"^.{1,255}$",
    "license": r"^(cc-by|cc-by-sa|cc-by-nd|cc-by-nc|cc-by-nc-sa|cc-by-nc-nd|pd|cr|MIT|GPL1|GPL2"
               r"|GPL3|MPL|MPL2)$",
    "description": r"^.{1,}$",
    "metadataSettings": {"disable": r"^(0|1)$", "disableExtraTitleField": r"^(0|1)$"},
    "dynamicDependencies": DEPENDENCY,
    "preloadedDependencies": DEPENDENCY,
    "editorDependencies": DEPENDENCY,
    "preloadedJs": {"path": SCRIPT_PATH},
    "preloadedCss": {"path": STYLE_PATH},
    "dropLibraryCss": {"machineName": (NAME, re.I)},
    "w": r"^[0-9]{1,4}$",
    "h": r"^[0-9]{1,4}$",
    "embedTypes": EMBED_TYPES,
    "fullscreen": r"^(0|1)$",
    "coreApi": {"majorVersion": VERSION, "minorVersion": VERSION},
}

_compiled = {}


def pattern(rule):
    source, flags = rule if isinstance(rule, tuple) else (rule, 0)
    key = (source, flags)
    if key not in _compiled:
        _compiled[key] = re.compile(source.encode(), flags)
    return _compiled[key]


def is_scalar(value):
    # PHP matches strings and integers; true, 1.0 or null are "invalid data".
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def check_value(value, rule, where, name, problems):
    if isinstance(rule, (str, tuple)):
        if not (is_scalar(value) and pattern(rule).search(str(value).encode("utf-8"))):
            problems.append(f"{where}: invalid value for {name}")
        return
    if not isinstance(value, (list, dict)):
        problems.append(f"{where}: invalid value for {name}")
        return
    if isinstance(rule, list):
        for option in value.values() if isinstance(value, dict) else value:
            if option not in rule:
                problems.append(f"{where}: {name} may only hold {', '.join(rule)}")
        return
    items = list(value.values()) if isinstance(value, dict) else value
    if items and isinstance(items[0], (list, dict)):
        for item in items:
            check_required(item, rule, where, problems, name)
    else:
        check_required(value, rule, where, problems, name)


def check_required(data, rules, where, problems, parent=""):
    for name, rule in rules.items():
        label = f"{parent}.{name}" if parent else name
        if not isinstance(data, dict) or data.get(name) is None:
            problems.append(f"{where}: missing {label}")
        else:
            check_value(data[name], rule, where, label, problems)


def check(data, required, optional, where):
    """Every problem of h5p.json or a library.json against H5P core's rules."""
    problems = []
    check_required(data, required, where, problems)
    for name, value in data.items():
        if name in optional:
            check_value(value, optional[name], where, name, problems)
    return problems
