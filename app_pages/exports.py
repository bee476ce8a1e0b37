"""导出: the plan map as one offline HTML file, print maps (PNG), fact sheets (PDF) and the data, as downloads.

The same exports run from the command line (``python -m planning export ...``,
see ``docs/exports.md``). Files are generated only when their button is
clicked. Not registered in kiosk mode (the kiosk offers no downloads).
:func:`render_export_buttons` is the compact row another page (the map) can
show under its table: importing it does not draw this page (the page runs as ``__main__``).
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import functools

import streamlit as st

from app_pages import data, state
from app_pages.i18n import lang, name_of
from layers.export import DATA_TABLES, Provenance, export_data, export_html, filter_projects, filter_targets, provenance
from layers.factsheet import project_factsheet, zone_factsheet
from layers.print_map import MAX_DPI, MAX_PX, MIN_DPI, MIN_PX, PrintOptions, render_png
from planning.model import CATEGORIES, STATUSES
from planning.plan import Plan

TEXT = Messages("exports")
LANG_NAMES = {"zh": "中文", "en": "English"}


_t = scoped(TEXT)


def _provenance() -> Provenance:
    return provenance(data.stores())


def _html_bytes(plan: Plan, lang_: str) -> bytes:
    return export_html(plan, lang=lang_, provenance_=_provenance())


def _data_bytes(plan: Plan, fmt: str, what: tuple[str, ...], project_ids: tuple[str, ...], target_ids: tuple[str, ...]) -> bytes:
    return export_data(plan, fmt, what=what, project_ids=list(project_ids), target_ids=list(target_ids))


def _data_buttons(plan: Plan, project_ids: list[str], target_ids: list[str], key: str) -> None:
    specs = (
        ("csv", "csv", ("projects",), "huaiyin-projects.csv", "text/csv"),
        ("xlsx", "xlsx", DATA_TABLES, "huaiyin-projects-targets.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("geojson", "geojson", ("projects",), "huaiyin-projects.geojson", "application/geo+json"),
        ("gpkg", "gpkg", DATA_TABLES, "huaiyin-projects-targets.gpkg", "application/geopackage+sqlite3"),
        ("targets_csv", "csv", ("targets",), "huaiyin-targets.csv", "text/csv"),
    )
    cols = st.columns(len(specs))
    ids, tids = tuple(sorted(project_ids)), tuple(target_ids)
    for col, (label, fmt, what, name, mime) in zip(cols, specs, strict=True):
        col.download_button(_t(label), data=functools.partial(_data_bytes, plan, fmt, what, ids, tids), file_name=name,
                            mime=mime, key=f"{key}_{label}", on_click="ignore", width="stretch")


def render_export_buttons(
    plan: Plan, project_ids: list[str] | set[str], *, target_ids: list[str] | None = None, with_map: bool = True
) -> None:
    """One row of downloads for the given projects and targets (default: every target), and the offline HTML map.

    For other pages (the map page under its table); not for kiosk mode, which offers no downloads.
    """
    targets = [t.id for t in plan.targets] if target_ids is None else target_ids
    key = "exp_row" if with_map else "exp_data"
    _data_buttons(plan, list(project_ids), targets, key)
    if with_map:
        st.download_button(_t("download_html"), data=functools.partial(_html_bytes, plan, lang()),
                           file_name=f"huaiyin-plan-map-{lang()}.html", mime="text/html", key=f"{key}_html",
                           on_click="ignore", help=_t("html_help"))


def _html_section(plan: Plan) -> None:
    st.subheader(_t("html_title"), anchor=False)
    st.caption(_t("html_help"))
    lang_ = st.radio(_t("language"), ["zh", "en"], format_func=LANG_NAMES.get, horizontal=True, key="exp_html_lang")
    st.download_button(_t("download_html"), data=functools.partial(_html_bytes, plan, lang_),
                       file_name=f"huaiyin-plan-map-{lang_}.html", mime="text/html", key="exp_html", on_click="ignore")


def _png_bytes(plan: Plan, options: PrintOptions) -> bytes:
    return render_png(plan, options, _provenance())


def _png_section(plan: Plan) -> None:
    st.subheader(_t("png_title"), anchor=False)
    zones = plan.zones
    labels = {"": _t("whole")} | {z["id"]: name_of(z) for _, z in zones.iterrows()}
    cols = st.columns([3, 1.2, 1.2, 1.2, 1.2])
    zone = cols[0].selectbox(_t("focus"), list(labels), format_func=labels.get, key="exp_png_zone")
    width = cols[1].number_input(_t("width"), MIN_PX, MAX_PX, 2400, step=100, key="exp_png_w")
    height = cols[2].number_input(_t("height"), MIN_PX, MAX_PX, 1700, step=100, key="exp_png_h")
    dpi = cols[3].number_input(_t("dpi"), MIN_DPI, MAX_DPI, 200, step=50, key="exp_png_dpi")
    lang_ = cols[4].radio(_t("language"), ["zh", "en"], format_func=LANG_NAMES.get, key="exp_png_lang")
    options = PrintOptions(width_px=int(width), height_px=int(height), dpi=int(dpi), lang=lang_, zone=zone or None)
    st.download_button(_t("download_png"), data=functools.partial(_png_bytes, plan, options),
                       file_name=f"huaiyin-map-{zone or 'district'}-{lang_}.png", mime="image/png", key="exp_png",
                       on_click="ignore")


def _pdf_bytes(plan: Plan, kind: str, ref: str, lang_: str) -> bytes:
    make = zone_factsheet if kind == "zone" else project_factsheet
    settings = data.settings()
    return make(plan, ref, lang=lang_, provenance_=_provenance(), contact=settings.contact, public_url=settings.public_url)


def _sheet_section(plan: Plan) -> None:
    st.subheader(_t("sheet_title"), anchor=False)
    cols = st.columns([1.2, 4, 1.2])
    kind = cols[0].radio(_t("kind"), ["zone", "project"], format_func=_t, key="exp_pdf_kind")
    frame = plan.zones if kind == "zone" else plan.projects.sort_values("name_zh")
    labels = {row["id"]: name_of(row) for _, row in frame.iterrows()}
    if not labels:
        return
    ref = cols[1].selectbox(_t(kind), list(labels), format_func=labels.get, key=f"exp_pdf_{kind}")
    lang_ = cols[2].radio(_t("language"), ["zh", "en"], format_func=LANG_NAMES.get, key="exp_pdf_lang")
    st.download_button(_t("download_pdf"), data=functools.partial(_pdf_bytes, plan, kind, ref, lang_),
                       file_name=f"huaiyin-{ref}-{lang_}.pdf", mime="application/pdf", key="exp_pdf", on_click="ignore")


def _data_section(plan: Plan) -> None:
    st.subheader(_t("data_title"), anchor=False)
    cols = st.columns(3)
    status_label = (lambda s: s) if lang() == "zh" else STATUSES.get
    category_label = (lambda c: c) if lang() == "zh" else CATEGORIES.get
    zone_labels = {z["id"]: name_of(z) for _, z in plan.zones.iterrows()}
    statuses = cols[0].multiselect(_t("status"), list(STATUSES), format_func=status_label, placeholder=_t("all"),
                                   key="exp_f_status")
    categories = cols[1].multiselect(_t("category"), list(CATEGORIES), format_func=category_label,
                                     placeholder=_t("all"), key="exp_f_category")
    zones = cols[2].multiselect(_t("zones"), list(zone_labels), format_func=zone_labels.get, placeholder=_t("all"),
                                key="exp_f_zone")
    project_ids = filter_projects(plan, statuses=tuple(statuses), categories=tuple(categories), zones=tuple(zones))
    target_ids = filter_targets(plan, zones=tuple(zones))
    st.caption(_t("counts", p=len(project_ids), t=len(target_ids)))
    render_export_buttons(plan, project_ids, target_ids=target_ids, with_map=False)


def render() -> None:
    plan, _ = data.current_plan()
    st.title(_t("page"))
    st.caption(_t("intro"))
    st.caption(_t("generated_note"))
    _html_section(plan)
    _png_section(plan)
    _sheet_section(plan)
    _data_section(plan)
    state.write_to_url(include_map=False)


if __name__ == "__main__":  # run as a page (st.Page); importing render_export_buttons draws nothing
    render()
