"""Check an .h5p package before anything is written: the zip's entries, h5p.json,
content.json and every library, following the H5P package rules.

Each problem names the file and the rule it broke. Nothing is extracted here.
"""

import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from . import conf

LIBRARY_FOLDER = re.compile(r"^([A-Za-z0-9._-]+)-(\d+)\.(\d+)$")
REQUIRED_H5P_KEYS = ("title", "language", "mainLibrary", "embedTypes", "preloadedDependencies")
REQUIRED_LIBRARY_KEYS = ("title", "machineName", "majorVersion", "minorVersion", "patchVersion")


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
    folder: str
    preloaded_js: list
    preloaded_css: list
    dependencies: list  # [(machineName, major, minor)]
    definition: dict

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)


@dataclass
class Manifest:
    h5p: dict
    content: dict
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


def read_json(archive, name, problems):
    try:
        with archive.open(name) as handle:
            return json.loads(handle.read(2 * 1024 * 1024).decode("utf-8"))
    except KeyError:
        problems.append(f"{name}: missing")
    except (ValueError, UnicodeDecodeError) as error:
        problems.append(f"{name}: not valid JSON ({str(error)[:80]})")
    return None


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
    problems = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise PackageRejected(["the file is not a zip archive (.h5p)"]) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > conf.MAX_ENTRIES():
            raise PackageRejected([f"the package has {len(infos)} entries; the limit is "
                                   f"{conf.MAX_ENTRIES()}"])
        total = 0
        files = []
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
            files.append(info)
        if total > conf.MAX_TOTAL_BYTES():
            problems.append(f"the package unpacks to {total} bytes; the limit is "
                            f"{conf.MAX_TOTAL_BYTES()}")
        if problems:
            raise PackageRejected(problems)

        h5p = read_json(archive, "h5p.json", problems)
        content = read_json(archive, "content/content.json", problems)
        if isinstance(h5p, dict):
            missing = [key for key in REQUIRED_H5P_KEYS if key not in h5p]
            if missing:
                problems.append(f"h5p.json: missing {', '.join(missing)}")
        elif h5p is not None:
            problems.append("h5p.json: must be a JSON object")
        manifest = Manifest(h5p if isinstance(h5p, dict) else {}, content or {},
                            entries=[info for info in files if "/" in info.filename])
        check_files(files, manifest, archive, problems)
        if not problems:
            check_dependencies(manifest, set(installed), problems)
        if problems:
            raise PackageRejected(problems)
        return manifest


def check_files(files, manifest, archive, problems):
    folders = {}
    for info in files:
        parts = PurePosixPath(info.filename).parts
        extension = PurePosixPath(info.filename).suffix.lower().lstrip(".")
        if len(parts) == 1:
            # Editors leave notes beside h5p.json: harmless types are skipped, not extracted.
            if parts[0] != "h5p.json" and extension not in conf.CONTENT_EXTENSIONS:
                problems.append(f"{info.filename}: .{extension} files are not allowed")
            continue
        top = parts[0]
        if top == "content":
            if extension not in conf.CONTENT_EXTENSIONS:
                problems.append(f"{info.filename}: .{extension} files are not allowed in content")
            continue
        if extension not in conf.LIBRARY_EXTENSIONS:
            problems.append(f"{info.filename}: .{extension} files are not allowed in a library")
        folders.setdefault(top, set()).add("/".join(parts[1:]))
    for folder, names in sorted(folders.items()):
        library = read_library(folder, names, archive, problems)
        if library:
            manifest.libraries[library.key] = library


def read_library(folder, names, archive, problems):
    match = LIBRARY_FOLDER.match(folder)
    if not match:
        problems.append(f"{folder}/: a library folder is named machineName-major.minor")
        return None
    if "library.json" not in names:
        problems.append(f"{folder}/library.json: missing")
        return None
    data = read_json(archive, f"{folder}/library.json", problems)
    if not isinstance(data, dict):
        return None
    missing = [key for key in REQUIRED_LIBRARY_KEYS if key not in data]
    if missing:
        problems.append(f"{folder}/library.json: missing {', '.join(missing)}")
        return None
    name, major, minor = match.group(1), int(match.group(2)), int(match.group(3))
    if (data["machineName"], data["majorVersion"], data["minorVersion"]) != (name, major, minor):
        problems.append(f"{folder}/: the folder name does not match library.json "
                        f"({data['machineName']}-{data['majorVersion']}.{data['minorVersion']})")
        return None
    core_api = version_of(data.get("coreApi")) or (1, 0)
    if core_api > conf.PLAYER_CORE_API:
        problems.append(f"{folder}/library.json: needs H5P core API {core_api[0]}.{core_api[1]}; "
                        f"the player supports up to {'.'.join(map(str, conf.PLAYER_CORE_API))}")
    scripts = [item.get("path", "") for item in data.get("preloadedJs", []) if isinstance(item, dict)]
    styles = [item.get("path", "") for item in data.get("preloadedCss", []) if isinstance(item, dict)]
    for path in scripts + styles:
        if path not in names:
            problems.append(f"{folder}/{path}: listed in library.json but missing")
    dependencies = []
    for item in data.get("preloadedDependencies", []) + data.get("dynamicDependencies", []):
        version = version_of(item)
        if isinstance(item, dict) and version and item.get("machineName"):
            dependencies.append((item["machineName"], *version))
    return Library(name, major, minor, int(data["patchVersion"]), str(data["title"])[:255],
                   core_api, folder, scripts, styles, dependencies, data)


def check_dependencies(manifest, installed, problems):
    available = set(manifest.libraries) | installed
    wanted = []
    for item in manifest.h5p.get("preloadedDependencies", []):
        version = version_of(item)
        if version and isinstance(item, dict) and item.get("machineName"):
            wanted.append((item["machineName"], *version))
        else:
            problems.append("h5p.json: a preloaded dependency has no machineName and version")
    main = manifest.h5p.get("mainLibrary")
    if main and not any(key[0] == main for key in wanted):
        problems.append(f"h5p.json: the main library {main} is not among its dependencies")
    for library in manifest.libraries.values():
        wanted.extend(library.dependencies)
    for key in wanted:
        if key not in available:
            problems.append(f"missing library {key[0]}-{key[1]}.{key[2]}: neither in the package "
                            "nor installed")
