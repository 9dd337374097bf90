"""Turn SRC into a stream of entries: a folder, a glob, an archive, a list of paths or a file.

Nothing is collected up front: folders are walked and archives read as the
batch pulls entries, so memory stays flat however many files there are.

A list of paths is written ``@paths.txt`` (or passed with ``from_list=True``):
one path a line, blank lines and ``#`` comments ignored, relative paths taken
from the list's folder; each line may itself be a file, folder, glob or archive.
A bare ``paths.txt`` is a report, never a list.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from reportnlp.batch.archives import ArchiveLimits, count_members, is_archive, iter_archive
from reportnlp.batch.entries import Entry, InputFile, Skipped, sha256_of, skip_reason
from reportnlp.batch.workers import failure
from reportnlp.errors import InputError

log = logging.getLogger(__name__)

GLOB_CHARS = frozenset("*?[")


class Inputs:
    """The inputs named by SRC.

    Args:
        spec: a folder (walked recursively), a glob (``reports/**/*.pdf``), a
            .zip/.tar(.gz) archive, ``@list.txt``, or a single report file.
        workdir: a private folder where archive members are extracted.
        limits: archive limits (decompression bombs, member counts).
        from_list: read ``spec`` as a list of paths even without ``@``.

    Raises:
        reportnlp.errors.InputError: SRC names nothing that exists (E215).
    """

    def __init__(self, spec: str | Path, workdir: Path, limits: ArchiveLimits | None = None,
                 from_list: bool = False) -> None:
        text = str(spec)
        self.is_list = from_list or text.startswith("@")
        self.spec = text[1:] if text.startswith("@") else text
        self.workdir = workdir
        self.limits = limits or ArchiveLimits()
        if self.is_list:
            if not Path(self.spec).is_file():
                raise InputError("E215", self.spec)
        elif not Path(self.spec).exists() and not (GLOB_CHARS & set(self.spec)):
            raise InputError("E215", self.spec)

    def __iter__(self) -> Iterator[Entry]:
        if self.is_list:
            for entry in _list_entries(Path(self.spec)):
                yield from self._expand(entry, from_list=True)
        else:
            yield from self._expand(self.spec, from_list=False)

    def count(self) -> int | None:
        """How many entries there will be, when cheap to know (for the progress bar)."""
        specs = _list_entries(Path(self.spec)) if self.is_list else iter([self.spec])
        total = 0
        for spec in specs:
            path = Path(spec)
            if path.is_file() and is_archive(path):
                members = count_members(path)
                if members is None:
                    return None
                total += members
            elif not path.exists() and not (GLOB_CHARS & set(spec)):
                total += 1  # reported as missing
            else:
                total += sum(1 for _ in _paths(spec))
        return total

    def _expand(self, spec: str, from_list: bool) -> Iterator[Entry]:
        path = Path(spec)
        if path.is_file() and is_archive(path):
            yield from iter_archive(path, self.workdir, self.limits)
            return
        if from_list and not path.exists() and not (GLOB_CHARS & set(spec)):
            yield failure(spec, None, "read", "E102")
            return
        for file in _paths(spec):
            yield _entry(file)


def _list_entries(list_file: Path) -> Iterator[str]:
    base = list_file.parent
    with open(list_file, encoding="utf-8-sig") as lines:
        for line in lines:
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            yield entry if os.path.isabs(entry) else str(base / entry)


def _paths(spec: str) -> Iterable[Path]:
    """Files under a folder (sorted walk), matching a glob, or the file itself."""
    path = Path(spec)
    if path.is_dir():
        return _walk(path)
    if path.exists():
        return [path]
    if GLOB_CHARS & set(spec):
        return (Path(p) for p in glob.iglob(spec, recursive=True) if not os.path.isdir(p))
    return []


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def _entry(path: Path) -> Entry:
    """A file found on disk: skipped by suffix, or hashed and ready to parse."""
    display = str(path)
    if reason := skip_reason(path.name):
        return Skipped(display, reason)
    if not path.is_file():
        return Skipped(display, "not a regular file")
    try:
        with open(path, "rb") as handle:
            sha = sha256_of(handle)
    except FileNotFoundError:
        return failure(display, None, "read", "E102")
    except OSError as exc:
        return failure(display, None, "read", "E103", reason=exc.strerror or str(exc))
    return InputFile(display, path, sha, path.suffix.lower())
