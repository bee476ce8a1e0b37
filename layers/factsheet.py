"""One- or two-page PDF fact sheets of a zone or a project, for investors (fpdf2, embedded CJK font).

A zone's sheet has its map (:mod:`layers.print_map`), role, lead industries,
carriers, area in hectares and 亩, its targets and its projects with their
status; a project's sheet has its map, status with its source, zones,
sources in the plan, location quality and the targets of its zones. Every
page ends with the plan, the data's date and the note that positions are
schematic. Chinese text is set in Noto Sans CJK SC (Debian ``fonts-noto-cjk``),
embedded as a subset, so it prints anywhere and never shows tofu boxes.
"""

from __future__ import annotations

from planning.messages import Messages
import io
from pathlib import Path
from typing import Any

import pandas as pd
import segno
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from layers.assets import asset_exists
from layers.export import Provenance, name_in, text
from layers.print_map import PrintOptions, render_png
from planning.errors import PlanningError
from planning.model import CATEGORIES, STATUSES, UNKNOWN_STATUS, ZONE_KINDS, Target
from planning.plan import Plan
from planning.access import format_distance, site_access
from planning.links import phone_url
from planning.tours import format_target

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = {"": FONT_DIR / "NotoSansCJK-Regular.ttc", "B": FONT_DIR / "NotoSansCJK-Bold.ttc"}
#: Index of "Noto Sans CJK SC" in the Noto CJK font collections (0 JP, 1 KR, 2 SC, 3 TC, 4 HK).
SC_INDEX = 2
FONT = "NotoSansSC"
MAX_PROJECT_ROWS = 5  # with the targets capped too, a zone's sheet stays one A4 page
MAX_TARGET_ROWS = 6
MAP_MM = (182, 68)  # printed size of the map on the A4 page
QR_MM = 24
MAP_DPI = 280

_TEXT = Messages("factsheet")


def _t(key: str, lang: str, **fmt: Any) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fmt)


class _Sheet(FPDF):
    """A4 page with the CJK font registered and a footer naming the plan, the data date and the page."""

    def __init__(self, lang: str, source_line: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.source_line = source_line
        for style, path in FONT_FILES.items():
            if not asset_exists(path):
                msg = f"{path} is missing: install Debian's fonts-noto-cjk (make system-deps) for Chinese PDFs"
                raise PlanningError(msg)
            self.add_font(FONT, style=style, fname=str(path), collection_font_number=SC_INDEX)
        self.set_margins(14, 12, 14)
        self.set_auto_page_break(auto=True, margin=22)
        self.wrap = WrapMode.WORD

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font(FONT, size=6.5)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.2, self.source_line, align="L", wrapmode=self.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(0, 3.6, _t("page", self.lang, page=self.page_no()), align="R")


def _new_sheet(lang: str, provenance_: Provenance, title: str) -> _Sheet:
    pdf = _Sheet(lang, provenance_.line(lang))
    pdf.set_title(title)
    pdf.set_author(text("app_title", lang))
    pdf.set_creator("python -m planning export factsheet")
    pdf.add_page()
    return pdf


def _heading(pdf: _Sheet, caption: str, title: str, subtitle: str, date: str | None) -> None:
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(110, 110, 110)
    pdf.cell(0, 4, caption + (f"  ·  {text('data_date', pdf.lang, date=date)}" if date else ""),
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(20, 20, 20)
    pdf.set_font(FONT, "B", size=17)
    pdf.multi_cell(0, 8, title, align="L", wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 5, subtitle, align="L", wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(20, 20, 20)
    pdf.ln(1.5)


def _map(pdf: _Sheet, plan: Plan, provenance_: Provenance, *, zone: str | None = None, project: str | None = None) -> None:
    width_px, height_px = (round(mm / 25.4 * MAP_DPI) for mm in MAP_MM)
    options = PrintOptions(width_px=width_px, height_px=height_px, dpi=MAP_DPI, lang=pdf.lang, zone=zone, project=project,
                           titled=False, font_scale=1.0)
    png = render_png(plan, options, provenance_)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width)
    pdf.ln(2)


def _field(pdf: _Sheet, label: str, value: str) -> None:
    pdf.set_font(FONT, "B", size=9)
    pdf.cell(24 if pdf.lang == "zh" else 31, 4.6, label)
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(0, 4.6, value, align="L", wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.4)


def _section(pdf: _Sheet, title: str) -> None:
    pdf.ln(1)
    pdf.set_font(FONT, "B", size=10.5)
    pdf.cell(0, 5.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _access(pdf: _Sheet, plan: Plan, site: Any) -> None:
    lang = pdf.lang
    _section(pdf, _t("access", lang))
    pdf.set_font(FONT, size=8.5)
    with pdf.table(col_widths=(30, 26, 14, 50), text_align="LEFT", line_height=4.4, wrapmode=pdf.wrap,
                   borders_layout="HORIZONTAL_LINES", first_row_as_headings=False) as table:
        for item in site_access(plan, site):
            table.row([item.what(lang), item.name(lang), format_distance(item.distance_m, lang), item.note(lang)])


def _contact_and_qr(pdf: _Sheet, contact: str | None, url: str | None) -> None:
    """The operator's contact block (or that none is set) beside a QR code of the online page (or that none is set)."""
    lang = pdf.lang
    pdf.ln(2)
    top = pdf.get_y()
    if top + QR_MM + 4 > pdf.h - 22:  # keep the block whole, above the footer
        top = pdf.h - 22 - QR_MM - 4
        pdf.set_y(top)
    width = pdf.w - pdf.l_margin - pdf.r_margin - QR_MM - 6
    pdf.set_font(FONT, "B", size=10)
    pdf.cell(width, 5.5, _t("contact", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(width, 4.6, contact.replace("|", "\n") if contact else _t("no_contact", lang), align="L",
                   wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    x = pdf.w - pdf.r_margin - QR_MM
    if url:
        pdf.set_font(FONT, size=6.5)
        pdf.multi_cell(width, 3, url, align="L", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=8, border=1)
        pdf.image(io.BytesIO(buffer.getvalue()), x=x, y=top, w=QR_MM, h=QR_MM)
        pdf.set_xy(x - 8, top + QR_MM + 0.5)
        pdf.set_font(FONT, size=7)
        pdf.multi_cell(QR_MM + 8, 3, _t("qr", lang), align="C", wrapmode=pdf.wrap)
    else:
        pdf.set_xy(x - 8, top)
        pdf.set_font(FONT, size=7)
        pdf.multi_cell(QR_MM + 8, 3.2, _t("no_qr", lang), align="L", wrapmode=pdf.wrap)


def _plan_words(target: Target) -> str:
    """The quoted sentence of the target's source label (the plan's own words), else the whole label."""
    label = target.source_label
    start, end = label.find("“"), label.rfind("”")
    return label[start:end + 1] if 0 <= start < end else label


def _targets_table(pdf: _Sheet, targets: list[Target]) -> None:
    lang = pdf.lang
    with_baseline = any(t.baseline_value is not None or t.baseline_text for t in targets)
    headings = [_t("metric", lang)] + ([_t("baseline", lang)] if with_baseline else []) + [_t("target", lang),
                                                                                         _t("plan_words", lang)]
    widths = (30, 14, 22, 34) if with_baseline else (32, 24, 44)
    pdf.set_font(FONT, size=8.5)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.6, wrapmode=pdf.wrap,
                   borders_layout="HORIZONTAL_LINES", headings_style=FontFace(emphasis="BOLD", fill_color=(238, 240, 242))) as table:
        table.row(headings)
        for target in targets[:MAX_TARGET_ROWS]:
            metric = target.metric_zh if lang == "zh" else target.metric_en
            base = target.baseline_text or (f"{target.baseline_value:g}" if target.baseline_value is not None else "—")
            if target.baseline_year and base != "—":
                base += f"（{target.baseline_year}）" if lang == "zh" else f" ({target.baseline_year})"
            cells = [metric] + ([base] if with_baseline else []) + [format_target(target, lang), _plan_words(target)]
            table.row(cells)
    if len(targets) > MAX_TARGET_ROWS:
        pdf.set_font(FONT, size=8.5)
        pdf.multi_cell(0, 4.6, _t("more_targets", lang, n=len(targets) - MAX_TARGET_ROWS), align="L", wrapmode=pdf.wrap,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _projects_table(pdf: _Sheet, projects: pd.DataFrame) -> None:
    lang = pdf.lang
    known_first = projects.assign(_unknown=projects["status"] == UNKNOWN_STATUS).sort_values(["_unknown", "category", "name_zh"])
    shown = known_first.head(MAX_PROJECT_ROWS)
    pdf.set_font(FONT, size=8.5)
    with pdf.table(col_widths=(60, 25, 15), text_align="LEFT", line_height=4.4, wrapmode=pdf.wrap,
                   borders_layout="HORIZONTAL_LINES", headings_style=FontFace(emphasis="BOLD", fill_color=(238, 240, 242))) as table:
        table.row([_t("project", lang), _t("category", lang), _t("status", lang)])
        for _, row in shown.iterrows():
            category = row["category"] if lang == "zh" else CATEGORIES.get(row["category"], row["category"])
            status = row["status"] if lang == "zh" else STATUSES.get(row["status"], row["status"])
            table.row([name_in(row, lang), category, status])
    if len(projects) > len(shown):
        pdf.set_font(FONT, size=8.5)
        pdf.multi_cell(0, 4.6, _t("more_projects", lang, n=len(projects) - len(shown)), align="L", wrapmode=pdf.wrap)


def zone_factsheet(plan: Plan, zone_id: str, *, lang: str, provenance_: Provenance, contact: str | None = None,
                   public_url: str | None = None) -> bytes:
    """The zone's fact sheet as PDF bytes (one A4 page): map, role, industries, carriers, area, plan sections,
    access, targets, projects, the operator's ``contact`` and a QR code of the phone page under ``public_url``.

    Raises
    ------
    PlanningError
        When the zone is not in the plan or the CJK font is missing.
    """
    zone = plan.feature("zones", zone_id)
    if zone is None:
        msg = f"zone {zone_id!r} is not in zones.geojson; known zones: {', '.join(plan.zones['id'])}"
        raise PlanningError(msg)
    kind_zh, kind_en = ZONE_KINDS.get(zone["kind"], (zone["kind"], zone["kind"]))
    title = name_in(zone, lang)
    other = zone["name_zh"] if lang == "en" else zone["name_en"]
    pdf = _new_sheet(lang, provenance_, title)
    _heading(pdf, _t("zone_sheet", lang), title, f"{other} · {kind_zh if lang == 'zh' else kind_en}", provenance_.data_date)
    _map(pdf, plan, provenance_, zone=zone_id)
    _field(pdf, _t("role", lang), str(zone["description_zh"] if lang == "zh" else zone["description_en"]))
    for key in ("industries", "carriers"):
        values = zone.get(f"{key}_{lang}")
        if isinstance(values, list) and values:
            _field(pdf, _t(key, lang), ("、" if lang == "zh" else "; ").join(values))
    _field(pdf, _t("area", lang), _t("area_value", lang, ha=zone["area_ha"], mu=zone["area_mu"]))
    _field(pdf, _t("plan_sections", lang), str(zone.get("source") or _t("unknown", lang)))
    _access(pdf, plan, zone.geometry)
    _section(pdf, _t("targets", lang))
    targets = plan.targets_for(zone_id)
    if targets:
        _targets_table(pdf, targets)
    else:
        _field(pdf, "", _t("no_targets", lang))
    projects = plan.projects_in_zone(zone_id)
    _section(pdf, _t("projects", lang, n=len(projects)))
    if projects.empty:
        _field(pdf, "", _t("no_projects", lang))
    else:
        _projects_table(pdf, projects)
    _contact_and_qr(pdf, contact, phone_url(public_url, f"zone:{zone_id}", lang) if public_url else None)
    return bytes(pdf.output())


def _project_fields(pdf: _Sheet, plan: Plan, project: pd.Series) -> None:
    lang = pdf.lang
    status = project["status"]
    _field(pdf, _t("status", lang), status if lang == "zh" else STATUSES.get(status, status))
    if status == UNKNOWN_STATUS:
        _field(pdf, _t("status_basis", lang), _t("status_unknown", lang))
    else:
        _field(pdf, _t("status_basis", lang), f"{project.get('status_date')} · {project.get('status_source')}")
    description = project.get(f"description_{lang}")
    if isinstance(description, str) and description:
        _field(pdf, _t("description", lang), description)
    zone_names = [name_in(plan.feature("zones", z), lang) for z in project["zone_ids"] if plan.feature("zones", z) is not None]
    _field(pdf, _t("zones", lang), ("、" if lang == "zh" else "; ").join(zone_names) or _t("no_zone", lang))
    _field(pdf, _t("sources", lang), "\n".join(s["label"] for s in project["sources"]))
    if isinstance(project.get("box_item_zh"), str) and project["box_item_zh"]:
        _field(pdf, _t("box_item", lang), project["box_item_zh"])
    quality = _t(str(project["geometry_quality"]), lang) if project["geometry_quality"] in ("approximate", "derived", "surveyed") else ""
    _field(pdf, _t("location", lang), f"{quality}; {project['geometry_source']}")
    if project.get("extends_beyond_district") is True and isinstance(project.get("outside_note"), str):
        _field(pdf, _t("outside", lang), project["outside_note"])


def project_factsheet(plan: Plan, project_id: str, *, lang: str, provenance_: Provenance, contact: str | None = None,
                      public_url: str | None = None) -> bytes:
    """The project's fact sheet as PDF bytes (one A4 page), with access, ``contact`` and a QR code like a zone's.

    Raises
    ------
    PlanningError
        When the project is not in the plan or the CJK font is missing.
    """
    project = plan.feature("projects", project_id)
    if project is None:
        msg = f"project {project_id!r} is not in projects.geojson (see `python -m planning summary`)"
        raise PlanningError(msg)
    title = name_in(project, lang)
    other = project["name_zh"] if lang == "en" else project["name_en"]
    category = project["category"] if lang == "zh" else CATEGORIES.get(project["category"], project["category"])
    pdf = _new_sheet(lang, provenance_, title)
    _heading(pdf, _t("project_sheet", lang), title, f"{other} · {category}", provenance_.data_date)
    _map(pdf, plan, provenance_, project=project_id)
    _project_fields(pdf, plan, project)
    _access(pdf, plan, project.geometry)
    targets = [t for z in project["zone_ids"] for t in plan.targets_for(z)]
    if targets:
        _section(pdf, _t("zone_targets", lang))
        _targets_table(pdf, targets)
    _contact_and_qr(pdf, contact, phone_url(public_url, f"project:{project_id}", lang) if public_url else None)
    return bytes(pdf.output())
