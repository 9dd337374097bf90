"""Render part of the corpus to PDF: text-layer PDFs and scanned-image PDFs.

The corpus is plain text, but users mostly hand reportnlp PDFs: ones exported from Word (a
text layer, a running header, a page-number footer, lines broken by the page width) and
scans of printed reports (no text layer at all). This recipe turns a fixed subset of the
corpus into both, so the PDF and OCR readers are measured on the same gold as the text:

    python corpora/render.py [--out build/corpus-pdf] [--scan/--no-scan] [--dpi 200]

writes ``<out>/text/<family>/<id>.pdf`` and ``<out>/scan/<family>/<id>.pdf``, each next to a
copy of ``<id>.gold.json``. Outputs are generated, never committed (``/build/`` is ignored).

Renderer: reportlab with AR PL UMing (Debian ``fonts-arphic-uming``). reportlab embeds
TrueType-outline fonts as subsets with a ToUnicode map, so pdfminer and pdftotext get the
characters back, and in invariant mode the same input gives byte-identical PDFs. The Noto
CJK fonts Debian ships have CFF outlines, which reportlab cannot embed; UMing is glyf-based.
UMing lacks a few characters the corpus uses (☐ ☑, the Japanese 観), so each character is
drawn in the first font of a short chain that has it: UMing TW, DejaVu Sans
(``fonts-dejavu-core``), Droid Sans Fallback (``fonts-droid-fallback``).

Scans: ``pdftoppm`` (poppler-utils) rasterises the text PDF in greyscale; each page is turned
by a small seeded angle, given paper noise and a light blur with Pillow, and the pages are
saved back as an image-only PDF with Pillow (no extra dependency). Seeds come from the
report id, so the same inputs give the same scans.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import logging
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger("reportnlp.corpora.render")

CORPORA = Path(__file__).resolve().parent
ROOT = CORPORA.parent
DEFAULT_OUT = ROOT / "build" / "corpus-pdf"


# --------------------------------------------------------------------------- the subset


@dataclass(frozen=True)
class Spec:
    """One report to render and how its pages are dressed.

    ``header`` is ``"title"`` (the report title, shortened) or ``"agency"`` (the first
    traveller's agency, else the organiser); ``footer`` is a key of :data:`FOOTERS`.
    """

    family: str
    doc_id: str
    header: str
    footer: str


# Fixed, so every run renders the same reports: all five families, forms with checkboxes
# (☑/☐, HTML inputs), itinerary and header tables, a table of contents with dot leaders,
# simplified characters, long English titles, and the real Taichung report.
SUBSET: tuple[Spec, ...] = (
    Spec("local", "taichung_citynet_2017", "title", "zh"),
    Spec("local", "changhua_agri_foodex_2017", "agency", "dash"),
    Spec("local", "tainan_culture_kyoto_2024", "title", "fraction"),
    Spec("central", "baphiq_australia_biosecurity_2018", "agency", "zh"),
    Spec("central", "ndc_apec_economic_committee_chile_2019", "title", "dash"),
    Spec("soe", "taipower_siemens_fat_germany_2023", "agency", "fraction"),
    Spec("soe", "itri_offshore_wind_france_denmark_2024", "title", "zh"),
    Spec("academic", "ntu_ee_icc_rome_2023", "title", "dash"),
    Spec("academic", "nsysu_marine_agu_sanfrancisco_2012", "agency", "fraction"),
    Spec("informal", "jinning_township_xiamen_2019", "agency", "zh"),
    Spec("informal", "tainan_council_netherlands_2019", "title", "dash"),
    Spec("informal", "changhua_council_japan_2017", "agency", "fraction"),
)

# Page-number footers as real reports print them: (page, total) -> text.
FOOTERS: dict[str, Callable[[int, int], str]] = {
    "zh": lambda page, total: f"第 {page} 頁",
    "dash": lambda page, total: f"- {page} -",
    "fraction": lambda page, total: f"{page}/{total}",
}


def footer_text(style: str, page: int, total: int) -> str:
    """The footer printed on ``page`` of ``total`` in ``style`` (a key of FOOTERS)."""
    return FOOTERS[style](page, total)


# --------------------------------------------------------------------------- page geometry

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points (reportlab's A4)
MARGIN_LEFT = MARGIN_RIGHT = 72.0  # 2.54 cm, as the government templates use
MARGIN_TOP = 86.0  # room for the running header above the body
MARGIN_BOTTOM = 72.0
FRAME_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 12.0
BODY_LEADING = 20.0
TITLE_SIZE = 16.0
TABLE_MIN_SIZE = 9.0
HEADER_SIZE = 9.0
FOOTER_SIZE = 10.0
HEADER_MAX_CHARS = 24
SCAN_SEED = "reportnlp-scan-v1"
FIXED_DATE = time.strptime("2000-01-01", "%Y-%m-%d")  # reportlab's invariant date, too


# --------------------------------------------------------------------------- fonts


@dataclass(frozen=True)
class FontFile:
    """A font in a Debian package: reportlab name, file, subfont index in a collection."""

    name: str
    path: Path
    package: str
    subfont: int = 0


FONT_CHAIN: tuple[FontFile, ...] = (
    FontFile("UMingTW", Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
             "fonts-arphic-uming", subfont=2),
    FontFile("DejaVuSans", Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
             "fonts-dejavu-core"),
    FontFile("DroidSansFallback", Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
             "fonts-droid-fallback"),
)
PRIMARY = FONT_CHAIN[0]


class RenderUnavailableError(RuntimeError):
    """A tool or font the recipe needs is not installed on this machine."""


def primary_font_available() -> bool:
    """Whether the main CJK font file is installed (the recipe cannot run without it)."""
    return PRIMARY.path.is_file()


def pdftoppm_available() -> bool:
    """Whether poppler's pdftoppm is on PATH (needed for scans only)."""
    return shutil.which("pdftoppm") is not None


@functools.cache
def registered_fonts() -> tuple[tuple[str, frozenset[int]], ...]:
    """Register the installed fonts of FONT_CHAIN with reportlab, once per process.

    Returns (name, code points covered) in chain order. Missing fallbacks are logged and
    skipped; a missing primary font raises RenderUnavailableError.
    """
    if not primary_font_available():
        raise RenderUnavailableError(
            f"CJK font {PRIMARY.path} missing: apt-get install {PRIMARY.package}")
    fonts = []
    for font in FONT_CHAIN:
        if not font.path.is_file():
            log.warning("fallback font %s missing (apt-get install %s); its characters will "
                        "be drawn as blanks", font.path, font.package)
            continue
        tt = TTFont(font.name, str(font.path), subfontIndex=font.subfont)
        pdfmetrics.registerFont(tt)
        fonts.append((font.name, frozenset(tt.face.charToGlyph)))
    return tuple(fonts)


@functools.cache
def font_for(ch: str) -> str:
    """The first font of the chain that has a glyph for ``ch`` (the primary if none has)."""
    fonts = registered_fonts()
    for name, cmap in fonts:
        if ord(ch) in cmap:
            return name
    log.warning("no installed font has %r (U+%04X); it will render as a blank", ch, ord(ch))
    return fonts[0][0]


def font_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, run) pieces so every character gets a real glyph."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        name = font_for(ch)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` at ``size``, across fallback fonts."""
    return sum(pdfmetrics.stringWidth(run, name, size) for name, run in font_runs(text))


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Line:
    """One printed line: text pieces at x offsets (from the left margin), one font size.

    ``leading`` is the vertical space the line takes; a line with no cells is a blank line.
    ``center`` centres the single piece in the frame (the title).
    """

    cells: tuple[tuple[float, str], ...]
    size: float
    leading: float
    center: bool = False


# Characters a line must not start with (they hang past the margin instead) and ones it
# must not end with (they move to the next line): the usual CJK line-breaking rules, plus
# checkboxes, which stay with their label.
NO_LINE_START = frozenset("，。、；：！？）」』】〕》〉…％,.;:!?)]}%")
NO_LINE_END = frozenset("（「『【〔《〈([{☐☑☒■□")
TOKEN = re.compile(r"[!-~]+|\s+|.")  # a run of printable ASCII (a word), spaces, one char


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break one source line into printed lines no wider than ``width`` points.

    CJK breaks between any two characters; ASCII words break at spaces (a word longer
    than the line is split); closing punctuation hangs, opening punctuation moves down.
    Leading indentation is kept on the first line only.
    """
    tokens = deque(TOKEN.findall(text))
    lines: list[str] = []
    cur, cur_w = "", 0.0
    while tokens:
        tok = tokens.popleft()
        w = text_width(tok, size)
        if cur_w + w <= width or (cur and tok in NO_LINE_START):
            if cur or lines == [] or not tok.isspace():
                cur, cur_w = cur + tok, cur_w + w
            continue
        if tok.isspace():  # a break falls here: drop the space
            lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
            continue
        if w > width and len(tok) > 1:  # a word wider than the line: split it
            tokens.extendleft(reversed(tok))
            continue
        carry = ""
        if len(cur) > 1 and cur[-1] in NO_LINE_END:
            cur, carry = cur[:-1], cur[-1]
        if cur:
            lines.append(cur.rstrip())
        cur = carry + tok
        cur_w = text_width(cur, size)
    if cur or not lines:
        lines.append(cur.rstrip())
    return lines


def paragraph_lines(text: str, size: float = BODY_SIZE, leading: float = BODY_LEADING,
                    indent: float = 0.0) -> list[Line]:
    """A source line as printed lines, wrapped to the frame (a blank line if empty)."""
    if not text.strip():
        return [Line((), size, leading)]
    return [Line(((indent, part),), size, leading)
            for part in wrap(text, FRAME_W - indent, size)]


def title_lines(text: str) -> list[Line]:
    """The report's first line, centred and larger, shrunk to fit one line if it can."""
    text = text.strip()
    size = TITLE_SIZE
    natural = text_width(text, 1.0)
    if natural * size > FRAME_W:
        size = max(BODY_SIZE, int(FRAME_W / natural * 2) / 2)
    lines = wrap(text, FRAME_W, size)
    return [Line(((0.0, part),), size, size * 1.8, center=True) for part in lines]


def table_lines(rows: Sequence[Sequence[str]]) -> list[Line]:
    """A block of tab-separated rows as aligned columns, each row on one printed line.

    Columns are as wide as their widest cell plus a gap (a row's last cell may run on past
    its column and does not count); the font shrinks (to 9 pt) when
    the leading columns would take most of the line. Only a last cell too long for the
    rest of the line wraps, under its own column, as a cell in a Word table would.
    """
    ncols = max(len(r) for r in rows)
    size = BODY_SIZE
    while True:
        gap = 1.5 * size
        widths = [max((text_width(r[i], size) for r in rows if i < len(r) - 1), default=0.0)
                  + gap for i in range(ncols - 1)]
        if sum(widths) <= 0.6 * FRAME_W or size <= TABLE_MIN_SIZE:
            break
        size -= 1.0
    offsets = [sum(widths[:i]) for i in range(ncols)]
    last_w = FRAME_W - offsets[-1]
    if last_w < 6 * size:
        log.warning("table too wide for the page (%d columns); its last column overflows",
                    ncols)
        last_w = 6 * size
    leading = round(size * 1.6, 1)
    out: list[Line] = []
    for row in rows:
        cells = [(offsets[i], cell) for i, cell in enumerate(row[:-1]) if cell.strip()]
        x_tail = offsets[len(row) - 1]
        tail_w = last_w if len(row) == ncols else FRAME_W - x_tail
        tail = wrap(row[-1], tail_w, size) if row[-1].strip() else [""]
        out.append(Line((*cells, (x_tail, tail[0])) if tail[0] else tuple(cells), size, leading))
        out.extend(Line(((x_tail, part),), size, leading) for part in tail[1:])
    return out


def layout(text: str) -> list[Line]:
    """The whole report as printed lines, before pagination.

    The first non-blank line is the title; runs of lines containing a tab (after trailing
    tabs are dropped) are tables; everything else is a paragraph wrapped to the frame.
    """
    source = [line.rstrip("\t \r") for line in text.splitlines()]
    while source and not source[0].strip():
        source.pop(0)
    if not source:
        return []
    out = title_lines(source[0])
    i = 1
    while i < len(source):
        if "\t" in source[i]:
            j = i
            while j < len(source) and "\t" in source[j]:
                j += 1
            out.extend(table_lines([line.split("\t") for line in source[i:j]]))
            i = j
        else:
            out.extend(paragraph_lines(source[i]))
            i += 1
    return out


def paginate(lines: Iterable[Line]) -> list[list[Line]]:
    """Fill pages top to bottom; blank lines at the top of a page are dropped."""
    frame_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    pages: list[list[Line]] = [[]]
    used = 0.0
    for line in lines:
        if used + line.leading > frame_h:
            pages.append([])
            used = 0.0
        if not line.cells and not pages[-1]:
            continue
        pages[-1].append(line)
        used += line.leading
    while len(pages) > 1 and not any(line.cells for line in pages[-1]):
        pages.pop()
    return pages


# --------------------------------------------------------------------------- drawing


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw ``text`` with its baseline at (x, y), switching fonts where the chain says."""
    obj = canvas.beginText(x, y)
    for name, run in font_runs(text):
        obj.setFont(name, size)
        obj.textOut(run)
    canvas.drawText(obj)


def draw_centered(canvas: Canvas, y: float, text: str, size: float) -> None:
    """Draw ``text`` centred between the margins."""
    x = MARGIN_LEFT + (FRAME_W - text_width(text, size)) / 2
    draw_text(canvas, x, y, text, size)


def running_header(spec: Spec, gold: dict) -> str:
    """The header printed on every page: the title or the agency, shortened as reports do."""
    if spec.header == "agency":
        travelers = gold.get("travelers") or []
        text = (travelers[0].get("agency") if travelers else None) or gold.get("organizer")
        text = text or gold["title"]
    else:
        text = gold["title"]
    text = " ".join(text.split())
    if len(text) > HEADER_MAX_CHARS:
        text = text[: HEADER_MAX_CHARS - 1] + "…"
    return text


def draw_pdf(pages: list[list[Line]], path: Path, header: str, footer: str, title: str) -> None:
    """Write the laid-out pages as an A4 PDF with running header and page-number footer.

    ``rl_config.invariant`` fixes the dates and document id reportlab would otherwise take
    from the clock, so the bytes depend only on the input.
    """
    rl_config.invariant = 1
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("reportnlp corpora/render.py")
    total = len(pages)
    for number, page in enumerate(pages, 1):
        draw_centered(canvas, PAGE_H - 48, header, HEADER_SIZE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, PAGE_H - 55, PAGE_W - MARGIN_RIGHT, PAGE_H - 55)
        y = PAGE_H - MARGIN_TOP
        for line in page:
            baseline = y - line.size
            for x, text in line.cells:
                if line.center:
                    draw_centered(canvas, baseline, text, line.size)
                else:
                    draw_text(canvas, MARGIN_LEFT + x, baseline, text, line.size)
            y -= line.leading
        draw_centered(canvas, 40, footer_text(footer, number, total), FOOTER_SIZE)
        canvas.showPage()
    canvas.save()


# --------------------------------------------------------------------------- reports


def source_paths(spec: Spec, corpora: Path = CORPORA) -> tuple[Path, Path]:
    """The report's text and gold files in the corpus."""
    folder = corpora / spec.family
    return folder / f"{spec.doc_id}.txt", folder / f"{spec.doc_id}.gold.json"


def render_text_pdf(spec: Spec, out_pdf: Path, corpora: Path = CORPORA) -> int:
    """Render one report as a text-layer PDF at ``out_pdf``; return its page count."""
    txt, gold_path = source_paths(spec, corpora)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pages = paginate(layout(txt.read_text(encoding="utf-8")))
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    draw_pdf(pages, out_pdf, running_header(spec, gold), spec.footer, gold["title"])
    return len(pages)


def rasterise(pdf: Path, dpi: int, workdir: Path) -> list[Path]:
    """Greyscale page images (PGM) of ``pdf`` at ``dpi``, in page order, via pdftoppm."""
    if not pdftoppm_available():
        raise RenderUnavailableError("pdftoppm missing: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(workdir / "page")],
                   check=True, capture_output=True)
    return sorted(workdir.glob("page*.pgm"))  # pdftoppm pads the numbers to one width


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """Make a clean page look scanned: a slight turn, paper noise, a light blur.

    The angle is ±0.3-1.5°; noise comes from ``rng`` (not Pillow's unseeded generator)
    so a seed fixes the image.
    """
    page = image.convert("L")
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = Image.frombytes("L", page.size, rng.randbytes(page.width * page.height))
    page = Image.blend(page, noise, rng.uniform(0.05, 0.09))
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))


def _jpeg(page: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def photocopy(image: Image.Image, rng: random.Random) -> Image.Image:
    """A faint photocopy: washed-out grey ink, sparse toner specks, JPEG at 40."""
    page = degrade(image, rng).point(lambda v: int(90 + v * 165 / 255))
    specks = Image.frombytes("L", page.size, bytes(0 if b < 1 else 255 for b in
                                                   rng.randbytes(page.width * page.height)))
    page = Image.composite(page, Image.new("L", page.size, 150), specks)
    return _jpeg(page, 40)


def stamped(image: Image.Image, rng: random.Random) -> Image.Image:
    """A scan with an official seal pressed over the text (a grey ring with a bar)."""
    page = degrade(image, rng)
    draw = ImageDraw.Draw(page)
    radius = page.width // 9
    x, y = rng.randint(page.width // 2, page.width - radius * 2), rng.randint(radius, page.height // 3)
    draw.ellipse((x, y, x + 2 * radius, y + 2 * radius), outline=120, width=max(3, radius // 12))
    draw.rectangle((x + radius // 2, y + radius - radius // 6, x + 3 * radius // 2,
                    y + radius + radius // 6), outline=120, width=max(2, radius // 20))
    return page


def jpeg_heavy(image: Image.Image, rng: random.Random) -> Image.Image:
    """A scan saved as a low-quality JPEG (quality 20): blocky artefacts around strokes."""
    return _jpeg(degrade(image, rng), 20)


# Damage a scan can have (benchmarks/bench_ocr.py measures OCR on each).
DAMAGE: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "scan": degrade, "photocopy": photocopy, "stamp": stamped, "jpeg": jpeg_heavy,
}


def render_scan_pdf(text_pdf: Path, out_pdf: Path, seed: str, dpi: int = 200,
                    damage: str = "scan") -> int:
    """Turn a text-layer PDF into an image-only 'scanned' PDF with the given damage (a key
    of :data:`DAMAGE`); return its page count."""
    rng = random.Random(f"{SCAN_SEED}:{seed}")
    with tempfile.TemporaryDirectory(prefix="reportnlp-render-") as tmp:
        images = []
        for path in rasterise(text_pdf, dpi, Path(tmp)):
            with Image.open(path) as clean:
                images.append(DAMAGE[damage](clean, rng))
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(out_pdf, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=80, title=seed, creator="reportnlp corpora/render.py",
                   creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return len(images)


@dataclass(frozen=True)
class Rendered:
    """What one report became: page count and output files (scan is None if skipped)."""

    spec: Spec
    pages: int
    text_pdf: Path
    scan_pdf: Path | None


def render_report(spec: Spec, out: Path, scan: bool = True, dpi: int = 200,
                  corpora: Path = CORPORA) -> Rendered:
    """Render one report to ``out/text`` (and ``out/scan``), each PDF beside its gold."""
    _, gold = source_paths(spec, corpora)
    text_pdf = out / "text" / spec.family / f"{spec.doc_id}.pdf"
    pages = render_text_pdf(spec, text_pdf, corpora)
    shutil.copyfile(gold, text_pdf.with_name(gold.name))
    scan_pdf = None
    if scan:
        scan_pdf = out / "scan" / spec.family / f"{spec.doc_id}.pdf"
        scan_pages = render_scan_pdf(text_pdf, scan_pdf, spec.doc_id, dpi)
        if scan_pages != pages:
            raise RuntimeError(f"{spec.doc_id}: scan has {scan_pages} pages, text {pages}")
        shutil.copyfile(gold, scan_pdf.with_name(gold.name))
        # The true text, which `reportnlp evaluate` scores the OCR's character errors against.
        shutil.copyfile(source_paths(spec, corpora)[0], scan_pdf.with_name(f"{spec.doc_id}.truth.txt"))
    return Rendered(spec, pages, text_pdf, scan_pdf)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: build/corpus-pdf)")
    parser.add_argument("--scan", action=argparse.BooleanOptionalAction, default=True,
                        help="also make scanned-image PDFs (default: yes)")
    parser.add_argument("--dpi", type=int, default=200, choices=range(200, 301),
                        metavar="200-300", help="scan resolution (default: 200)")
    parser.add_argument("--only", nargs="+", metavar="ID",
                        help="render only these report ids from the subset")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Render the subset; log one line per report and a summary."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    args = parse_args(argv)
    specs = [s for s in SUBSET if not args.only or s.doc_id in args.only]
    unknown = set(args.only or ()) - {s.doc_id for s in specs}
    if unknown:
        log.error("not in the subset: %s", ", ".join(sorted(unknown)))
        return 2
    started = time.perf_counter()
    try:
        done = []
        for spec in specs:
            result = render_report(spec, args.out, scan=args.scan, dpi=args.dpi)
            log.info("%s/%s: %d pages, text %d KB%s", spec.family, spec.doc_id, result.pages,
                     result.text_pdf.stat().st_size // 1024,
                     f", scan {result.scan_pdf.stat().st_size // 1024} KB"
                     if result.scan_pdf else "")
            done.append(result)
    except RenderUnavailableError as exc:
        log.error("%s", exc)
        return 1
    log.info("rendered %d reports (%d pages) to %s in %.1f s", len(done),
             sum(r.pages for r in done), args.out, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
