"""数据导入: planners bring in GIS files as overlay layers or as projects; every import is logged and undoable.

Only logged-in planners see the uploader. The file is read in memory
(:func:`planning.imports.read_upload`), previewed on the map beside the plan's
layers with its validation report and the questions it raises (CRS, datum,
layer, columns, consent to repair), then added as an overlay layer or merged
into the projects with a per-row decision on duplicates.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import dataclasses
import datetime as dt
import html
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import data
from app_pages.i18n import category_label, lang, md
from app_pages.login import current_user
from layers import styles
from layers.basemaps import BASEMAPS, available_basemaps
from layers.builders import MapOptions, build_base_map
from layers.elements import CompactGeoJson
from layers.prepare import simplify_geometries
from planning.coords import wgs84_to_gcj02_geometry
from planning.edits import PlanEditor
from planning.errors import PlanningError
from planning.state_files import CorruptStateError
from planning.imports import DATUMS, KNOWN_CRS, ImportOptions, ImportResult, limits_for, read_upload
from planning.imports_apply import (
    DECISIONS,
    OVERLAY_KINDS,
    allowed_overlay_kinds,
    ProjectMapping,
    add_overlay,
    candidate_projects,
    default_decisions,
    find_duplicates,
    import_history,
    merge_projects,
    overlay_metadata,
    overlay_sources_markdown,
    undo_import,
)
from planning.model import CATEGORIES
from planning.outline import parse_outline
from planning.plan import OUTLINE_FILE

TEXT = Messages("import")

#: Short headings of report messages by code (the detail that follows names file, feature, field and value).
MESSAGES = Messages("import_report")

UPLOAD_TYPES = ["geojson", "json", "zip", "gpkg", "kml", "kmz", "csv", "txt", "xlsx"]
PREVIEW_MAX = 5000
DATUM_OPTIONS = ["auto", *DATUMS]


tr = scoped(TEXT)


def _editor() -> PlanEditor:
    return data.stores().editor()


# --- reading ---------------------------------------------------------------------------


def _options() -> ImportOptions:
    """The options chosen in the widgets (session state), for the next read."""
    get = st.session_state.get
    crs = get("imp_crs", "auto")
    datum = get("imp_datum", "auto")
    options = ImportOptions(
        crs=None if crs in ("auto", "GCJ-02", "BD-09") else crs,
        datum=None if datum == "auto" else datum,
        layer=get("imp_layer") or None, sheet=get("imp_sheet") or None,
        lon=get("imp_lon") or None, lat=get("imp_lat") or None,
        encoding=None if get("imp_encoding", "auto") == "auto" else get("imp_encoding"),
        repair=bool(get("imp_repair", False)), limits=limits_for(data.settings().import_max_mb),
    )
    if crs in ("GCJ-02", "BD-09"):
        options = dataclasses.replace(options, crs="EPSG:4326", datum="gcj02" if crs == "GCJ-02" else "bd09")
    if (options.lon is None) != (options.lat is None):
        options = dataclasses.replace(options, lon=None, lat=None)
    return options


def _read(upload: Any) -> ImportResult:
    """Read the upload with the current options, once per (file, options) in this session."""
    options = _options()
    key = (upload.file_id, options)
    cached = st.session_state.get("imp_cache")
    if cached and cached[0] == key:
        return cached[1]
    result = read_upload(upload.name, upload.getvalue(), options=options)
    st.session_state["imp_cache"] = (key, result)
    return result


def _choice(label: str, key: str, values: list[str], fmt: dict[str, str] | None = None) -> None:
    if st.session_state.get(key) not in values:
        st.session_state[key] = values[0]
    st.selectbox(label, values, key=key, format_func=(fmt or {}).get if fmt else str)


def _option_widgets(result: ImportResult) -> None:
    zh = lang() == "zh"
    with st.expander(tr("options"), expanded=bool(result.needs or result.errors)):
        cols = st.columns(3)
        with cols[0]:
            crs_labels = {"auto": tr("crs_auto"), "GCJ-02": DATUMS["gcj02"][0 if zh else 1], "BD-09": DATUMS["bd09"][0 if zh else 1]}
            crs_labels |= {code: f"{code} {v[0 if zh else 1]}" for code, v in KNOWN_CRS.items()}
            _choice(tr("crs"), "imp_crs", list(crs_labels), crs_labels)
        with cols[1]:
            datum_labels = {"auto": tr("auto")} | {k: v[0 if zh else 1] for k, v in DATUMS.items()}
            _choice(tr("datum"), "imp_datum", DATUM_OPTIONS, datum_labels)
        with cols[2]:
            enc = {"auto": tr("encoding_auto"), "utf-8": "UTF-8", "gb18030": "GBK / GB18030", "big5": "Big5", "latin-1": "Latin-1"}
            _choice(tr("encoding"), "imp_encoding", list(enc), enc)
        d = result.detected
        if len(d.layers) > 1:
            _choice(tr("layer"), "imp_layer", d.layers)
        if len(d.sheets) > 1:
            _choice(tr("sheet"), "imp_sheet", d.sheets)
        if d.format in ("csv", "excel") and d.columns:
            auto = {"": tr("auto")} | {c: c for c in d.columns}
            left, right = st.columns(2)
            with left:
                _choice(tr("lon"), "imp_lon", list(auto), auto)
            with right:
                _choice(tr("lat"), "imp_lat", list(auto), auto)
        if d.invalid or st.session_state.get("imp_repair"):
            st.checkbox(tr("repair"), key="imp_repair")


def _show_detected(result: ImportResult) -> None:
    d = result.detected
    source = tr(f"source_{d.crs_source}") if d.crs_source else "—"
    rows = [
        (tr("det_format"), f"{d.format or '—'}" + (f" · {tr('layer')} {d.layer}" if d.layer else "") + (f" · {tr('sheet')} {d.sheet}" if d.sheet else "")),
        (tr("det_crs"), f"{d.crs or '—'}（{source}）"),
        (tr("det_datum"), DATUMS.get(d.datum, (d.datum, d.datum))[0 if lang() == "zh" else 1]),
        (tr("det_encoding"), f"{d.encoding or '—'}" + (f"（{d.encoding_source}）" if d.encoding_source else "")),
        (tr("det_features"), str(d.feature_count or (len(result.gdf) if result.gdf is not None else 0))),
        (tr("det_columns"), "、".join(d.columns[:30]) or "—"),
    ]
    st.markdown(f"**{tr('detected')}**")
    st.dataframe(pd.DataFrame(rows, columns=[tr("item"), tr("value")]), hide_index=True, width="stretch")


def _show_report(result: ImportResult) -> None:
    st.markdown(f"**{tr('report')}**")
    if not result.report:
        st.success(tr("report_ok"))
    for message in result.report:
        heading = MESSAGES.get(message.code, (message.code, message.code))[0 if lang() == "zh" else 1]
        show = {"error": st.error, "warning": st.warning}.get(message.level, st.info)
        show(md(f"{heading}：{message.text}" if lang() == "zh" else f"{heading}: {message.text}"))
    if result.needs:
        st.markdown(f"**{tr('questions')}**")
        st.caption(tr("answer_hint"))
        for question in result.needs:
            st.warning(md(question.text))


# --- preview ---------------------------------------------------------------------------


def _label_column(result: ImportResult) -> str | None:
    columns = result.detected.columns
    return next((c for c in ("名称", "name_zh", "name", "Name", "NAME", "项目名称", "title") if c in columns), None)


def _preview_collection(result: ImportResult, gcj: bool) -> dict[str, Any]:
    gdf = result.gdf.head(PREVIEW_MAX)
    geoms = simplify_geometries(gdf, 3.0)
    label = _label_column(result)
    features = []
    for i, geom in enumerate(geoms):
        shown = wgs84_to_gcj02_geometry(geom) if gcj else geom
        name = str(gdf.iloc[i][label]) if label and gdf.iloc[i][label] is not None else f"#{i + 1}"
        features.append({"type": "Feature", "geometry": shown.__geo_interface__,
                         "properties": {"id": str(i), "l": "import", "k": "import", "n": html.escape(name, quote=True)}})
    return {"type": "FeatureCollection", "features": features}


def _preview(result: ImportResult) -> None:
    settings = data.settings()
    st.markdown(f"**{tr('preview')}**")
    choices = [b.id for b in available_basemaps(settings.tianditu_key)]
    _choice(tr("preview_basemap"), "imp_basemap", choices, {b: BASEMAPS[b].title(lang()) for b in choices})
    basemap = st.session_state["imp_basemap"]
    gcj = BASEMAPS[basemap].gcj
    _, sig = data.current_plan()
    geo = data.map_geojson(sig, lang(), gcj)
    fig = build_base_map(geo, MapOptions(lang=lang(), basemap=basemap, tianditu_key=settings.tianditu_key))
    style = dict(styles.SELECTION_STYLE, radius=8, fill=True, fillOpacity=0.25, symbol="circle")
    CompactGeoJson(_preview_collection(result, gcj), {"import": style}, name=tr("import_layer")).add_to(fig)
    x0, y0, x1, y1 = result.gdf.total_bounds
    fig.fit_bounds([[y0, x0], [y1, x1]], max_zoom=16, padding=(24, 24))  # every imported feature in view
    if len(result.gdf) > PREVIEW_MAX:
        st.caption(tr("preview_cut", n=PREVIEW_MAX))
    st_folium(fig, key="imp_map", height=520, use_container_width=True, returned_objects=[])


# --- applying --------------------------------------------------------------------------


_PER_FILE_KEYS = ("imp_crs", "imp_datum", "imp_layer", "imp_sheet", "imp_lon", "imp_lat", "imp_encoding", "imp_repair",
                  "imp_cache", "imp_pr_", "imp_ov_")


def _forget_options() -> None:
    """Drop the options and forms of the previous file."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_PER_FILE_KEYS)]:
        del st.session_state[key]


def _finish(message: tuple[str, str]) -> None:
    """Report, forget the upload (a new uploader key) and its options, rerun."""
    st.session_state["imp_message"] = message
    st.session_state["imp_upload_n"] = st.session_state.get("imp_upload_n", 0) + 1
    _forget_options()
    st.rerun()


def _overlay_form(result: ImportResult, user: str) -> None:
    kinds = allowed_overlay_kinds(result.gdf)
    if len(kinds) < len(OVERLAY_KINDS):
        st.caption(tr("ov_kind_points"))
    with st.form("imp_overlay_form"):
        title = st.text_input(tr("ov_title"), value=Path(result.name).stem, key="imp_ov_title")
        kind = st.selectbox(tr("ov_kind"), kinds, index=None, placeholder=tr("ov_kind_choose"), key="imp_ov_kind",
                            format_func=lambda k: OVERLAY_KINDS[k][0 if lang() == "zh" else 1])
        provenance = st.text_area(tr("ov_provenance"), placeholder=tr("ov_provenance_hint"), key="imp_ov_provenance")
        note = st.text_input(tr("note"), key="imp_ov_note")
        if not st.form_submit_button(tr("ov_button")):
            return
    if kind is None:
        st.error(tr("ov_kind_needed"))
        return
    try:
        entry = add_overlay(data.stores(), result, user=user, title=title, kind=kind, provenance=provenance, note=note or None)
    except PlanningError as exc:
        st.error(md(str(exc)))
        return
    _finish(("success", tr("done", seq=entry.seq, id=entry.feature_id)))


def _sections() -> list[tuple[str, str]]:
    _, sig = data.current_plan()
    text = data.document_text(sig, OUTLINE_FILE) or ""
    return [(s.id, s.title) for s in parse_outline(text)]


def _mapping_widgets(result: ImportResult) -> ProjectMapping | None:
    columns = result.detected.columns
    optional = ["", *columns]
    none = {"": tr("none")} | {c: c for c in columns}
    sections = _sections()
    if not columns or not sections:
        st.error(md(tr("not_ready")))
        return None
    guess = _label_column(result) or next((c for c in columns if "名称" in c or "name" in c.lower()), columns[0])

    def pick(label: str, key: str, names: tuple[str, ...]) -> str:
        found = next((c for c in columns if c.strip().lower() in names), "")
        return st.selectbox(label, optional, index=optional.index(found), key=key, format_func=none.get)

    cols = st.columns(3)
    name_zh = cols[0].selectbox(tr("pr_name"), columns, index=columns.index(guess), key="imp_pr_name")
    with cols[1]:
        name_en = pick(tr("pr_name_en"), "imp_pr_name_en", ("name_en", "英文名称", "english name"))
    with cols[2]:
        pid = pick(tr("pr_id"), "imp_pr_id", ("id", "编号", "项目编号"))
    cols = st.columns(3)
    with cols[0]:
        category_col = pick(tr("pr_category_col"), "imp_pr_category_col", ("category", "类别", "项目类别"))
    category = cols[1].selectbox(tr("pr_category"), list(CATEGORIES), index=None, placeholder=tr("pr_choose"),
                                 key="imp_pr_category", format_func=category_label)
    with cols[2]:
        status = pick(tr("pr_status"), "imp_pr_status", ("status", "状态", "项目状态"))
    labels = dict(sections)
    section = st.selectbox(tr("pr_section"), list(labels), index=None, placeholder=tr("pr_choose"), key="imp_pr_section",
                           format_func=labels.get)
    no_english = not name_en and st.checkbox(tr("pr_no_name_en"), key="imp_pr_no_name_en")
    if (category is None and not category_col) or section is None:
        st.info(tr("pr_needed"))
        return None
    if not name_en and not no_english:
        st.info(tr("pr_name_en_needed"))
        return None
    return ProjectMapping(name_zh=name_zh, section=section, section_label=labels[section], default_category=category,
                          name_en=name_en or None, id=pid or None, category=category_col or None, status=status or None)


def _decisions_table(features: list[dict[str, Any]], duplicates: pd.DataFrame) -> dict[int, str]:
    defaults = default_decisions(features, duplicates)
    if duplicates.empty:
        st.success(tr("pr_no_duplicates"))
        return defaults
    st.markdown(f"**{tr('pr_duplicates')}**")
    reasons = {"id": tr("reason_id"), "name": tr("reason_name"), "near": tr("reason_near")}
    grouped = duplicates.groupby("row", sort=True)
    frame = pd.DataFrame({
        tr("col_row"): [int(r) + 1 for r, _ in grouped],
        tr("col_id"): [g["id"].iloc[0] for _, g in grouped],
        tr("col_name"): [g["name_zh"].iloc[0] for _, g in grouped],
        tr("col_reason"): ["；".join(sorted({reasons[x] for x in g["reason"]})) for _, g in grouped],
        tr("col_existing"): ["；".join(f"{i} {n}" for i, n in sorted(set(zip(g["existing_id"], g["existing_name"], strict=True)))) for _, g in grouped],
        tr("col_distance"): [float(g["distance_m"].min()) for _, g in grouped],
        tr("col_decision"): [tr(f"decision_{defaults[int(r)]}") for r, _ in grouped],
    })
    labels = {tr(f"decision_{d}"): d for d in DECISIONS}
    edited = st.data_editor(frame, key="imp_pr_decisions", hide_index=True, width="stretch",
                            disabled=[c for c in frame.columns if c != tr("col_decision")],
                            column_config={tr("col_decision"): st.column_config.SelectboxColumn(options=list(labels), required=True)})
    out = dict(defaults)
    for _, row in edited.iterrows():
        out[int(row[tr("col_row")]) - 1] = labels.get(row[tr("col_decision")], "skip")
    return out


def _projects_form(result: ImportResult, user: str) -> None:
    mapping = _mapping_widgets(result)
    if mapping is None:
        return
    plan, _ = data.current_plan()
    features, report = candidate_projects(result, mapping, user=user, import_id="imp-preview", today=dt.date.today())
    st.markdown(f"**{tr('pr_check')}**")
    for message in report or []:
        (st.error if message.level == "error" else st.warning)(md(message.text))
    if not report:
        st.success(tr("report_ok"))
    decisions = _decisions_table(features, find_duplicates(features, plan.projects))
    note = st.text_input(tr("note"), key="imp_pr_note")
    if not st.button(tr("pr_button"), key="imp_pr_button", type="primary", disabled=any(m.level == "error" for m in report)):
        return
    try:
        entries = merge_projects(_editor(), result, mapping, decisions, user=user, projects=plan.projects, note=note or None)
    except PlanningError as exc:
        st.error(md(str(exc)))
        return
    _finish(("success", tr("done", seq=entries[-1].seq, id=entries[-1].feature_id)))


def _apply(result: ImportResult, user: str) -> None:
    st.subheader(tr("apply"))
    if not result.ready:
        st.info(tr("not_ready"))
        return
    how = st.radio(tr("apply"), ["overlay", "projects"], key="imp_how", horizontal=True, label_visibility="collapsed",
                   format_func=lambda h: tr(f"as_{h}"))
    (_overlay_form if how == "overlay" else _projects_form)(result, user)


# --- history ---------------------------------------------------------------------------


def _undo(seq: int, user: str) -> None:
    try:
        undo_import(data.stores(), seq, user=user)
    except PlanningError as exc:
        st.session_state["imp_message"] = ("error", str(exc))
        return
    st.session_state["imp_message"] = ("success", tr("undone", seq=seq))


def _history(user: str) -> None:
    st.subheader(tr("history"))
    try:
        records = import_history(data.stores())
    except CorruptStateError as exc:  # a damaged audit log: imports and undo wait until it is repaired
        st.error(md(exc.message(lang())))
        return
    if not records:
        st.caption(tr("no_history"))
    for record in records[:30]:
        with st.container(border=True):
            cols = st.columns([5, 2])
            kind = tr(f"kind_{record.kind}") if record.kind in ("overlay", "projects") else record.kind
            cols[0].markdown(md(f"#{record.seq} · {record.at} · {record.user} · {kind} · {record.title} · {record.count}"))
            if record.undone_by:
                cols[1].caption(tr("undone_by", seq=record.undone_by))
            else:
                cols[1].button(tr("undo", seq=record.seq), key=f"imp_undo_{record.seq}", on_click=_undo, args=(record.seq, user))
    metas = overlay_metadata(data.stores())
    if metas:
        st.markdown(f"**{tr('overlays')}**")
        st.markdown(overlay_sources_markdown(metas, lang()))


def _show_message() -> None:
    message = st.session_state.pop("imp_message", None)
    if message:
        (st.success if message[0] == "success" else st.error)(md(message[1]))


def render() -> None:
    st.title(tr("title"))
    user = current_user()
    if not user:
        st.info(tr("login_needed"))
        return
    settings = data.settings()
    _show_message()
    data.show_state_problems("overlays")
    st.caption(tr("intro", mb=settings.import_max_mb))
    upload = st.file_uploader(tr("upload"), type=UPLOAD_TYPES, key=f"imp_upload_{st.session_state.get('imp_upload_n', 0)}",
                              max_upload_size=settings.import_max_mb)
    if upload is not None:
        if st.session_state.get("imp_file") != upload.file_id:
            _forget_options()
            st.session_state["imp_file"] = upload.file_id
        result = _read(upload)
        _option_widgets(result)
        _show_detected(result)
        _show_report(result)
        if result.gdf is not None and not result.gdf.empty:
            _preview(result)
        _apply(result, user["username"])
    _history(user["username"])


render()
