"""Check an .h5p package before anything is written: the zip's entries, h5p.json,
content.json and every library.

H5P core's validator is the reference (h5p-php-library, H5PValidator): the same file
types, the same skipped entries (any name whose part starts with "." or "_", such as
__MACOSX/), the same property rules (schema.py), valid JSON in semantics.json and
language/*.json, and its core API check against the player's. On top of it, what H5P
core leaves to PHP's zip handling: no absolute, "..", backslash or symlink entries, and
limits on entries, sizes and compression ratios.

Each problem names the file and the rule it broke. Nothing is extracted here.
"""

import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from . import conf, schema

# H5P core accepts a library folder named machineName or machineName-major.minor.
FOLDER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,255}$")
# H5P core's pattern is (-?[a-z]+){1,7}\.json, written without nested repetition.
LANGUAGE_FILE = re.compile(r"^-?[a-z]+(?:-[a-z]+){0,6}\.json$", re.I)


class PackageRejected(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Library:
    machine_name: str
    major: int
    minor: int
    patch: int
    title: str
    core_api: tuple
    source: str  # its folder in the package
    preloaded_js: list
    preloaded_css: list
    dependencies: list  # [(machineName, major, minor)]
    definition: dict

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)

    @property
    def folder(self):
        """Where it is stored, whatever the package called it: the player looks there."""
        return f"{self.machine_name}-{self.major}.{self.minor}"


@dataclass
class Manifest:
    h5p: dict
    content: object
    libraries: dict = field(default_factory=dict)  # key -> Library
    entries: list = field(default_factory=list)  # zipfile.ZipInfo of files to extract

    @property
    def title(self):
        return str(self.h5p.get("title", ""))[:255]

    @property
    def main_library(self):
        return self.h5p["mainLibrary"]


def check_name(info):
    """Entry names: relative, no '..', no NUL, no backslash, not a symlink."""
    name = info.filename
    if "\x00" in name:
        return "contains a NUL byte"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if "\\" in name:
        return "contains a backslash"
    if ".." in PurePosixPath(name).parts:
        return "goes up a folder ('..')"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    return None


def skipped(name):
    """H5P core never reads nor installs a file or folder whose name starts with . or _
    (__MACOSX/, .DS_Store, editors' backups)."""
    return any(part.startswith((".", "_")) for part in name.split("/"))


def extension(name):
    suffix = PurePosixPath(name).suffix
    return suffix.lower().lstrip(".") if suffix else ""


def decode_json(archive, name):
    """(value, None) or (None, reason). Like PHP's json_decode, null is not a value."""
    try:
        with archive.open(name) as handle:
            data = handle.read(conf.MAX_FILE_BYTES() + 1)
        value = json.loads(data.decode("utf-8"), parse_constant=reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return None, f"not valid JSON ({str(error)[:80]})"
    if value is None:
        return None, "not valid JSON (null)"
    return value, None


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def read_json(archive, name, problems):
    try:
        archive.getinfo(name)
    except KeyError:
        problems.append(f"{name}: missing")
        return None
    value, reason = decode_json(archive, name)
    if reason:
        problems.append(f"{name}: {reason}")
    return value


def as_list(value):
    """A property holding one object or a list of them, as a list (H5P core takes both)."""
    if isinstance(value, dict):
        values = list(value.values())
        return values if values and isinstance(values[0], dict) else [value]
    return list(value or [])


def version_of(value):
    if not isinstance(value, dict):
        return None
    try:
        return int(value["majorVersion"]), int(value["minorVersion"])
    except (KeyError, TypeError, ValueError):
        return None


def inspect(path, installed=()):
    """The package's manifest, or PackageRejected listing every problem.

    `installed`: keys (machineName, major, minor) of libraries already on the site."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise PackageRejected(["the file is not a zip archive (.h5p)"]) from None
    with archive:
        files = check_entries(archive)
        problems = []
        check_file_types(files, problems)
        if problems:
            raise PackageRejected(problems)
        h5p = read_json(archive, "h5p.json", problems)
        content = read_json(archive, "content/content.json", problems)
        if content is False:  # PHP's json_decode cannot tell it from a failure
            problems.append("content/content.json: not valid JSON (false)")
        if isinstance(h5p, dict):
            problems.extend(schema.check(h5p, schema.H5P_REQUIRED, schema.H5P_OPTIONAL,
                                         "h5p.json"))
            check_core_api(h5p, "h5p.json", problems)
        elif h5p is not None:
            problems.append("h5p.json: must be a JSON object")
        if problems:
            raise PackageRejected(problems)
        manifest = Manifest(h5p, content, entries=[
            info for info in files if "/" in info.filename])
        check_libraries(manifest, archive, problems)
        if not problems:
            check_dependencies(manifest, set(installed), problems)
        if problems:
            raise PackageRejected(problems)
        return manifest


def check_entries(archive):
    """The files H5P core would read, after the checks that keep the server safe:
    names, symlinks, count, sizes and compression ratios of every entry."""
    infos = archive.infolist()
    if len(infos) > conf.MAX_ENTRIES():
        raise PackageRejected([f"the package has {len(infos)} entries; the limit is "
                               f"{conf.MAX_ENTRIES()}"])
    problems, files, total = [], [], 0
    for info in infos:
        bad = check_name(info)
        if bad:
            problems.append(f"{info.filename!r}: {bad}")
            continue
        if info.is_dir():
            continue
        total += info.file_size
        if info.file_size > conf.MAX_FILE_BYTES():
            problems.append(f"{info.filename}: {info.file_size} bytes; the limit per file is "
                            f"{conf.MAX_FILE_BYTES()}")
        if info.compress_size and info.file_size / info.compress_size > conf.MAX_RATIO():
            problems.append(f"{info.filename}: compressed {info.file_size // info.compress_size}"
                            f" times; the limit is {conf.MAX_RATIO()} (a zip bomb?)")
        if not skipped(info.filename):
            files.append(info)
    if total > conf.MAX_TOTAL_BYTES():
        problems.append(f"the package unpacks to {total} bytes; the limit is "
                        f"{conf.MAX_TOTAL_BYTES()}")
    if problems:
        raise PackageRejected(problems)
    return files


def check_file_types(files, problems):
    for info in files:
        name = info.filename
        if "/" not in name:
            continue  # beside h5p.json: H5P core neither checks nor installs it
        if name.lower().startswith("content/"):
            if extension(name) not in conf.CONTENT_EXTENSIONS:
                problems.append(f"{name}: .{extension(name)} files are not allowed in content")
        elif extension(name) not in conf.LIBRARY_EXTENSIONS:
            problems.append(f"{name}: .{extension(name)} files are not allowed in a library")


def check_libraries(manifest, archive, problems):
    folders = {}
    for info in manifest.entries:
        top, rest = info.filename.split("/", 1)
        if top != "content":
            folders.setdefault(top, set()).add(rest)
    for folder, names in sorted(folders.items()):
        library = read_library(folder, names, archive, problems)
        if library:
            manifest.libraries[library.key] = library


def read_library(folder, names, archive, problems):
    if not FOLDER_NAME.match(folder):
        problems.append(f"{folder}/: not a valid library folder name")
        return None
    if "library.json" not in names:
        problems.append(f"{folder}/library.json: missing")
        return None
    data = read_json(archive, f"{folder}/library.json", problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(f"{folder}/library.json: must be a JSON object")
        return None
    found = []
    if "semantics.json" in names:
        _value, reason = decode_json(archive, f"{folder}/semantics.json")
        if reason:
            found.append(f"{folder}/semantics.json: {reason}")
    check_languages(folder, names, archive, found)
    found.extend(schema.check(data, schema.LIBRARY_REQUIRED, schema.LIBRARY_OPTIONAL,
                              f"{folder}/library.json"))
    if not found:
        check_core_api(data, f"{folder}/library.json", found)
        scripts = [str(item["path"]) for item in as_list(data.get("preloadedJs"))]
        styles = [str(item["path"]) for item in as_list(data.get("preloadedCss"))]
        for path in scripts + styles:
            if path.replace("\\", "/").lstrip("/") not in names:
                found.append(f"{folder}/{path}: listed in library.json but missing")
        name, major, minor = data["machineName"], int(data["majorVersion"]), \
            int(data["minorVersion"])
        if folder not in (name, f"{name}-{major}.{minor}"):
            found.append(f"{folder}/: the folder name does not match library.json "
                         f"({name}-{major}.{minor})")
    if found:
        problems.extend(found)
        return None
    dependencies = []
    for kind in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        dependencies.extend((item["machineName"], *version_of(item)) for item in as_list(data.get(kind)))
    return Library(name, major, minor, int(data["patchVersion"]), str(data["title"])[:255],
                   version_of(data.get("coreApi")) or (1, 0), folder,
                   [p.replace("\\", "/").lstrip("/") for p in scripts],
                   [p.replace("\\", "/").lstrip("/") for p in styles], dependencies, data)


def check_languages(folder, names, archive, problems):
    """language/*.json: named like en.json or pt-br.json, and valid JSON."""
    for name in sorted(names):
        if not name.startswith("language/"):
            continue
        file_name = name[len("language/"):]
        if "/" in file_name or not LANGUAGE_FILE.match(file_name):
            problems.append(f"{folder}/{name}: not a language file (language/xx.json)")
            continue
        _value, reason = decode_json(archive, f"{folder}/{name}")
        if reason:
            problems.append(f"{folder}/{name}: {reason}")


def check_core_api(data, where, problems):
    needed = version_of(data.get("coreApi"))
    if needed and needed > conf.PLAYER_CORE_API:
        problems.append(f"{where}: needs H5P core API {needed[0]}.{needed[1]}; "
                        f"the player supports up to {'.'.join(map(str, conf.PLAYER_CORE_API))}")


def check_dependencies(manifest, installed, problems):
    available = set(manifest.libraries) | installed
    wanted = [(item["machineName"], *version_of(item))
              for kind in ("preloadedDependencies", "dynamicDependencies")
              for item in as_list(manifest.h5p.get(kind))]
    main = manifest.h5p.get("mainLibrary")
    if main and not any(key[0] == main for key in wanted):
        problems.append(f"h5p.json: the main library {main} is not among its dependencies")
    for library in manifest.libraries.values():
        wanted.extend(library.dependencies)
    for key in dict.fromkeys(wanted):
        if key not in available:
            problems.append(f"missing library {key[0]}-{key[1]}.{key[2]}: neither in the package "
                            "nor installed")
