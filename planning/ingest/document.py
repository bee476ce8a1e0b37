"""A plan document as text: decoded from .txt, .docx or .pdf, cut into lines and paragraphs.

Every later step works on :class:`Document`: its ``lines`` are the text as
extracted (1-based line numbers are what candidates cite), and its
``paragraphs`` join lines that the extraction broke in the middle of a
sentence (as :func:`planning.outline.section_text` does for the seed), each
paragraph remembering the line range it came from. Table rows (lines with
tabs) are never joined: the indicator-table reader needs them as rows.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cached_property

from planning.errors import DataSourceError
from planning.outline import Section, parse_outline

#: A paragraph ends with one of these; a line that does not was broken by the extraction.
_PARAGRAPH_END = ("。", "：", "；", "！", "？", "”", "）", "」", "）。")
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+章|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|专栏\s*\d+|图\s*\d+)")
_BOLD = re.compile(r"\*\*")
#: Spaces the PDF extraction puts between Chinese characters ("高新技术产业产 值占").
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（）“”、])[ \u3000]+(?=[\u4e00-\u9fff（）“”、])")

#: A line inside a 专栏 box: "类别：item、item", a category "(一) 综合实力", a note "注：…".
BOX_LINE = re.compile(r"^([^：:。，]{2,14}[：:].+|[（(][一二三四五六七八九十]+[）)].{0,20}|注.*|[-—\s|]+|序号.*|\d+\s.*)$")

_NUL = {0: None}

SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int  # 1-based line number of its first line
    end: int  # 1-based line number of its last line (inclusive)


def clean(text: str) -> str:
    """Text as a reader sees it: no Markdown bold, no spaces the extraction put between Chinese characters."""
    return _CJK_GAP.sub("", _BOLD.sub("", text)).strip()


def squeeze(text: str) -> str:
    """Text with all whitespace and bold marks removed: how a candidate's sentence is compared with the document."""
    return re.sub(r"\s+", "", _BOLD.sub("", text))


@dataclass
class Document:
    """The document's text, its outline and its paragraphs."""

    name: str
    text: str

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def outline(self) -> list[Section]:
        return parse_outline(self.text)

    @cached_property
    def squeezed(self) -> str:
        return squeeze(self.text)

    def contains(self, sentence: str) -> bool:
        """Whether ``sentence`` occurs in the document (whitespace and line breaks of the extraction ignored)."""
        return squeeze(sentence) in self.squeezed

    @cached_property
    def box_ends(self) -> dict[str, int]:
        """Where each 专栏 box really ends: its last list item, table row or note before running text resumes."""
        ends: dict[str, int] = {}
        for section in self.outline:
            if section.level != 4:
                continue
            end = section.start
            for paragraph in self.paragraphs:
                if paragraph.start <= section.start or paragraph.start > section.end:
                    continue
                if not BOX_LINE.match(clean(paragraph.text)) and "\t" not in paragraph.text:
                    break
                end = paragraph.end
            ends[section.id] = end
        return ends

    def section_at(self, line: int) -> Section | None:
        """The innermost section (box, subsection, section, chapter) containing 1-based ``line``.

        Running text after a box's last item belongs to the section around the box, not to the box.
        """
        best: Section | None = None
        for section in self.outline:
            end = self.box_ends.get(section.id, section.end) if section.level == 4 else section.end
            if section.start <= line <= end and (best is None or section.level >= best.level):
                if best is not None and section.level == best.level and section.start < best.start:
                    continue
                best = section
        return best

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        found: list[Paragraph] = []
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if not line:
                continue
            if "\t" in raw:
                line = raw.strip(" \u3000\r")  # a table row keeps its tabs (empty leading cells included)
            if found and _joins(found[-1].text, raw):
                last = found[-1]
                found[-1] = Paragraph(last.text + line, last.start, number)
            else:
                found.append(Paragraph(line, number, number))
        return found


def _joins(previous: str, raw: str) -> bool:
    if "\t" in raw or "\t" in previous or _HEADING.match(raw.strip()):
        return False
    if _HEADING.match(previous) and len(previous) < 40:
        return False
    return not previous.rstrip("*").endswith(_PARAGRAPH_END)


def read_document(name: str, data: bytes) -> Document:
    """Decode an uploaded plan document; raises :class:`DataSourceError` naming the file and what to do."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix == ".docx":
        text = _docx_text(name, data)
    elif suffix == ".pdf":
        text = _pdf_text(name, data)
    elif suffix in (".txt", ".md", ""):
        text = _plain_text(name, data)
    else:
        msg = f"{name}: unsupported document type {suffix!r}; expected one of {', '.join(SUFFIXES)}"
        raise DataSourceError(msg)
    if not text.strip():
        msg = f"{name}: no text could be extracted (a scanned PDF needs OCR first)"
        raise DataSourceError(msg)
    return Document(name=name, text=re.sub(r"\r\n?", "\n", text))


def _plain_text(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    msg = f"{name}: the text is neither UTF-8 nor GB18030/GBK; save it as UTF-8"
    raise DataSourceError(msg)


def _docx_text(name: str, data: bytes) -> str:
    try:
        import docx  # python-docx  # noqa: PLC0415 (optional heavy import, only for .docx)

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken archive  # noqa: BLE001
        msg = f"{name}: not a readable .docx file ({type(exc).__name__})"
        raise DataSourceError(msg) from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                        for cell in row.iterchildren()
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines)


def _pdf_text(name: str, data: bytes) -> str:
    try:
        from pypdf import PdfReader  # noqa: PLC0415 (optional heavy import, only for .pdf)

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds for a broken file  # noqa: BLE001
        msg = f"{name}: not a readable PDF file ({type(exc).__name__})"
        raise DataSourceError(msg) from None
    # some encoders leave a NUL before each 2-byte glyph; pypdf keeps it
    return "\n".join(_unspace(line.translate(_NUL)) for page in pages for line in page.splitlines())


def _unspace(line: str) -> str:
    """pypdf puts a space between glyphs of CJK text ("示 范 区"): drop single spaces, keep the double ones as one."""
    stripped = line.strip()
    if len(stripped) > 4 and stripped.count(" ") >= 0.4 * len(stripped):
        return re.sub(r" {2,}", " ", re.sub(r"(?<=\S) (?=\S)", "", stripped))
    return stripped
