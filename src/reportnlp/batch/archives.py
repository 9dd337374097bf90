"""Stream the report files out of a .zip or .tar(.gz/.bz2/.xz) archive, defensively.

Archives are untrusted input. Members are copied one at a time into a private
temporary folder under names we make up (``member-k3j9x1.pdf``), never under their
own names, so a member called ``../../etc/passwd`` cannot write anywhere; such
names are refused all the same (E204). Sizes are counted as the bytes come out,
not taken from headers, and limits on member size, compression ratio, total
size and member count stop decompression bombs with a reason (E205).
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import logging
import lzma
import os
import re
import stat
import struct
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reportnlp.batch.entries import CHUNK, Entry, InputFile, Skipped, skip_reason
from reportnlp.batch.workers import failure

log = logging.getLogger(__name__)

ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MIB = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """Limits that stop decompression bombs and absurd archives.

    The ratio limit applies to members (zip) or the whole stream (compressed
    tar) once more than ``ratio_floor_bytes`` have come out, so small,
    highly compressible text files pass.
    """

    max_members: int = 100_000
    max_member_bytes: int = 512 * MIB
    max_total_bytes: int = 8 * 1024 * MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 4 * MIB


def is_archive(path: Path) -> bool:
    """Whether the file name says zip or tar."""
    name = path.name.lower()
    return name.endswith(ZIP_SUFFIXES) or name.endswith(TAR_SUFFIXES)


def unsafe_member_name(name: str) -> bool:
    """Absolute paths, drive letters and ``..`` components: names that try to escape."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        return True
    return ".." in PurePosixPath(posix).parts


class _LimitExceeded(Exception):
    """A limit was hit while copying a member (the reason is the message)."""

    def __init__(self, reason: str, whole_archive: bool = False) -> None:
        super().__init__(reason)
        self.whole_archive = whole_archive


class _Extractor:
    """Copies members into the work folder, counting bytes against the limits."""

    def __init__(self, archive: Path, workdir: Path, limits: ArchiveLimits) -> None:
        self.archive = archive
        self.workdir = workdir
        self.limits = limits
        self.total = 0

    def display(self, member: str) -> str:
        return f"{self.archive}!{member}"

    def copy(self, source: BinaryIO, suffix: str, declared: int,
             compressed: BinaryIO | None = None) -> tuple[Path, str]:
        """Copy one member to a fresh file; returns its path and sha256.

        ``declared`` is the size the header claims; coming out larger is an error.
        ``compressed`` is the raw archive stream, to watch the overall ratio.
        """
        handle, name = tempfile.mkstemp(prefix="member-", suffix=_safe_suffix(suffix),
                                        dir=self.workdir)
        target = Path(name)
        digest = hashlib.sha256()
        size = 0
        limit = min(declared, self.limits.max_member_bytes)
        try:
            with os.fdopen(handle, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > limit:
                        raise _LimitExceeded(
                            f"member grew past {limit:,} bytes while decompressing"
                            if size > declared else
                            f"member is larger than {self.limits.max_member_bytes:,} bytes")
                    if self.total > self.limits.max_total_bytes:
                        raise _LimitExceeded(
                            f"more than {self.limits.max_total_bytes:,} bytes uncompressed in all",
                            whole_archive=True)
                    if compressed is not None:
                        self._check_stream_ratio(compressed)
                    digest.update(chunk)
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target, digest.hexdigest()

    def _check_stream_ratio(self, compressed: BinaryIO) -> None:
        if self.total <= self.limits.ratio_floor_bytes:
            return
        ratio = self.total / max(compressed.tell(), 1)
        if ratio > self.limits.max_ratio:
            raise _LimitExceeded(f"compression ratio above {self.limits.max_ratio:g}:1",
                                 whole_archive=True)


def _safe_suffix(suffix: str) -> str:
    return re.sub(r"[^a-z0-9.]", "", suffix.lower())[:16]


def count_members(path: Path) -> int | None:
    """How many files a zip holds (for the progress bar); None for tar (streamed)."""
    if not path.name.lower().endswith(ZIP_SUFFIXES):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(1 for info in archive.infolist() if not info.is_dir())
    except (OSError, zipfile.BadZipFile):
        return 1


def iter_archive(path: Path, workdir: Path, limits: ArchiveLimits) -> Iterator[Entry]:
    """The entries of one archive, members extracted as they are reached."""
    if path.name.lower().endswith(ZIP_SUFFIXES):
        yield from _iter_zip(path, workdir, limits)
    else:
        yield from _iter_tar(path, workdir, limits)


def declared_zip_members(path: Path) -> int | None:
    """The member count a zip's end record declares, read before its directory is loaded.

    ``zipfile`` builds an object per member up front, so an archive declaring
    millions is refused from these few bytes. None when no end record is found.
    """
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - (1 << 16) - 22))
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) < at + 22:
            return None
        (count,) = struct.unpack_from("<H", tail, at + 10)
        locator = tail[at - 20:at] if at >= 20 else b""
        if count != 0xFFFF or not locator.startswith(b"PK\x06\x07"):
            return int(count)
        (record_at,) = struct.unpack_from("<Q", locator, 8)  # zip64: the count is 8 bytes
        handle.seek(record_at)
        record = handle.read(56)
        if len(record) < 40 or not record.startswith(b"PK\x06\x06"):
            return None
        return int(struct.unpack_from("<Q", record, 32)[0])


def _iter_zip(path: Path, workdir: Path, limits: ArchiveLimits) -> Iterator[Entry]:
    extractor = _Extractor(path, workdir, limits)
    archive_name = str(path)
    try:
        declared = declared_zip_members(path)
        if declared is not None and declared > limits.max_members:
            yield failure(archive_name, None, "read", "E205",
                          reason=f"{declared:,} members, more than {limits.max_members:,}")
            return
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        yield failure(archive_name, None, "read", "E206", reason=str(exc) or type(exc).__name__)
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > limits.max_members:
            yield failure(archive_name, None, "read", "E205",
                          reason=f"{len(members):,} members, more than {limits.max_members:,}")
            return
        for info in members:
            display = extractor.display(info.filename)
            if unsafe_member_name(info.filename):
                yield failure(display, None, "read", "E204", member=info.filename)
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield Skipped(display, "symbolic link in archive")
                continue
            if reason := skip_reason(info.filename):
                yield Skipped(display, reason)
                continue
            if info.flag_bits & 0x1:
                yield failure(display, None, "read", "E206", reason="member is encrypted")
                continue
            if info.file_size > limits.max_member_bytes:
                yield failure(display, None, "read", "E205",
                              reason=f"member is larger than {limits.max_member_bytes:,} bytes")
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
                yield failure(display, None, "read", "E205",
                              reason=f"compression ratio {ratio:,.0f}:1 is above "
                                     f"{limits.max_ratio:g}:1")
                continue
            if extractor.total + info.file_size > limits.max_total_bytes:
                yield failure(archive_name, None, "read", "E205",
                              reason=f"more than {limits.max_total_bytes:,} bytes uncompressed")
                return
            try:
                with archive.open(info) as member:
                    target, sha = extractor.copy(member, Path(info.filename).suffix,
                                                 info.file_size)
            except _LimitExceeded as exc:
                if exc.whole_archive:
                    yield failure(archive_name, None, "read", "E205",
                                  reason=f"{exc}, at member {info.filename}")
                    return
                yield failure(display, None, "read", "E205", reason=str(exc))
                continue
            except (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError,
                    NotImplementedError, ValueError) as exc:
                yield failure(display, None, "read", "E206", reason=str(exc) or type(exc).__name__)
                continue
            yield InputFile(display, target, sha, Path(info.filename).suffix.lower(),
                            temporary=True)


def _decompressed(raw: BinaryIO, name: str) -> BinaryIO:
    if name.endswith((".tar.gz", ".tgz")):
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if name.endswith((".tar.bz2", ".tbz2")):
        return bz2.BZ2File(raw, mode="rb")
    if name.endswith((".tar.xz", ".txz")):
        return lzma.LZMAFile(raw, mode="rb")
    return raw


def _iter_tar(path: Path, workdir: Path, limits: ArchiveLimits) -> Iterator[Entry]:
    extractor = _Extractor(path, workdir, limits)
    archive_name = str(path)
    compressed = not path.name.lower().endswith(".tar")
    try:
        raw = open(path, "rb")  # closed below; the tar reader borrows it
    except OSError as exc:
        yield failure(archive_name, None, "read", "E206", reason=exc.strerror or str(exc))
        return
    with raw:
        try:
            # mode "r|": a forward-only stream, so no member index is built in memory
            tar = tarfile.open(fileobj=_decompressed(raw, path.name.lower()), mode="r|")
            seen = 0
            for member in tar:
                seen += 1
                if seen > limits.max_members:
                    yield failure(archive_name, None, "read", "E205",
                                  reason=f"more than {limits.max_members:,} members")
                    return
                if member.isdir():
                    continue
                display = extractor.display(member.name)
                if not member.isfile():
                    yield Skipped(display, "not a regular file in archive (link or device)")
                    continue
                if unsafe_member_name(member.name):
                    yield failure(display, None, "read", "E204", member=member.name)
                    continue
                if reason := skip_reason(member.name):
                    yield Skipped(display, reason)
                    continue
                if member.size > limits.max_member_bytes:
                    yield failure(display, None, "read", "E205",
                                  reason=f"member is larger than {limits.max_member_bytes:,} bytes")
                    continue
                source = tar.extractfile(member)
                if source is None:
                    yield Skipped(display, "not a regular file in archive (link or device)")
                    continue
                try:
                    target, sha = extractor.copy(source, Path(member.name).suffix, member.size,
                                                 raw if compressed else None)
                except _LimitExceeded as exc:
                    yield failure(archive_name, None, "read", "E205",
                                  reason=f"{exc}, at member {member.name}")
                    return
                yield InputFile(display, target, sha, Path(member.name).suffix.lower(),
                                temporary=True)
        except (tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            yield failure(archive_name, None, "read", "E206", reason=str(exc) or type(exc).__name__)
