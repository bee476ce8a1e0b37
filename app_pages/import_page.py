"""数据导入: planners bring in GIS files as overlay layers or as projects; every import is logged and undoable.

Only logged-in planners see the uploader. The file is read in memory
(:func:`planning.imports.read_upload`), previewed on the map beside the plan's
layers with its validation report and the questions it raises (CRS, datum,
layer, columns, consent to repair), then added as an overlay layer or merged
into the projects with a per-row decision on duplicates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import data
from app_pages.i18n import category_label, lang, md, translate
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

TEXT: dict[str, tuple[str, str]] = {
    "title": ("数据导入", "Import data"),
    "login_needed": ("导入数据需要规划人员账号：请在左侧登录。未登录时本页只读。", "Importing needs a planner account: log in in the sidebar. Without one this page is read-only."),
    "intro": (
        "支持 GeoJSON、Shapefile（打包为 .zip）、GeoPackage、KML/KMZ、带经纬度或 X/Y 列的 CSV 与 Excel（.xlsx），单个文件不超过 {mb} MB。"
        "文件只在内存中读取；确认前不会写入任何数据。",
        "GeoJSON, Shapefile (zipped), GeoPackage, KML/KMZ, CSV and Excel (.xlsx) with longitude/latitude or X/Y columns, up to {mb} MB. "
        "The file is read in memory; nothing is written until you confirm.",
    ),
    "upload": ("选择文件", "Choose a file"),
    "options": ("读取选项", "Reading options"),
    "crs": ("坐标系", "Coordinate system"),
    "crs_auto": ("按文件声明 / 自动识别", "As declared / detect"),
    "datum": ("坐标来源（网络地图偏移）", "Coordinate source (web-map offset)"),
    "encoding": ("属性文字编码", "Attribute text encoding"),
    "encoding_auto": ("自动（.cpg 或识别）", "Automatic (.cpg or detected)"),
    "layer": ("图层", "Layer"),
    "sheet": ("工作表", "Sheet"),
    "lon": ("经度 / X 列", "Longitude / X column"),
    "lat": ("纬度 / Y 列", "Latitude / Y column"),
    "auto": ("自动", "Automatic"),
    "repair": ("同意修复无效几何（每处修复都会记入报告）", "Repair invalid geometry (every repair is reported)"),
    "detected": ("识别结果", "What was detected"),
    "item": ("项目", "Item"),
    "value": ("结果", "Value"),
    "det_format": ("格式", "Format"),
    "det_crs": ("坐标系", "CRS"),
    "det_datum": ("坐标来源", "Datum"),
    "det_encoding": ("编码", "Encoding"),
    "det_features": ("要素数", "Features"),
    "det_columns": ("字段", "Fields"),
    "source_declared": ("文件声明", "declared"),
    "source_option": ("您的选择", "your choice"),
    "source_guessed": ("按坐标范围推测，请确认", "guessed from the ranges; please confirm"),
    "report": ("校验报告", "Validation report"),
    "report_ok": ("未发现问题。", "No problem found."),
    "questions": ("需要您确认", "Please answer"),
    "answer_hint": ("请在上方“读取选项”中作答，预览会随之更新。", "Answer in “Reading options” above; the preview follows."),
    "preview": ("预览（高亮为导入内容）", "Preview (the import is highlighted)"),
    "preview_basemap": ("预览底图", "Preview basemap"),
    "preview_cut": ("预览只显示前 {n} 个要素。", "The preview shows the first {n} features."),
    "import_layer": ("导入预览", "Import preview"),
    "apply": ("导入方式", "Import as"),
    "as_overlay": ("叠加图层（如生态保护红线、永久基本农田）", "Overlay layer (e.g. ecological red line, permanent farmland)"),
    "as_projects": ("合并为项目", "Merge into projects"),
    "not_ready": ("请先处理上面的错误和问题，然后才能导入。", "Resolve the errors and questions above before importing."),
    "ov_title": ("图层名称", "Layer title"),
    "ov_kind": ("图层类型", "Layer kind"),
    "ov_provenance": ("来源（发布单位、版本、日期）", "Provenance (issuer, edition, date)"),
    "ov_provenance_hint": ("如：济南市自然资源和规划局 三区三线划定成果 2022", "e.g. Jinan Natural Resources and Planning Bureau, three zones and three lines, 2022"),
    "ov_button": ("导入为叠加图层", "Import as an overlay layer"),
    "note": ("备注（记入审计日志）", "Note (for the audit log)"),
    "pr_name": ("中文名称列", "Chinese name column"),
    "pr_name_en": ("英文名称列（可选）", "English name column (optional)"),
    "pr_id": ("编号列（可选）", "Id column (optional)"),
    "pr_category_col": ("类别列（可选）", "Category column (optional)"),
    "pr_category": ("默认类别", "Default category"),
    "pr_status": ("状态列（可选）", "Status column (optional)"),
    "pr_section": ("依据的规划章节", "Plan section that justifies them"),
    "none": ("（无）", "(none)"),
    "pr_check": ("按规划数据规则检查", "Checked against the plan's data rules"),
    "pr_duplicates": ("编号冲突与疑似重复（同名或 50 米内）：请逐行决定", "Id clashes and likely duplicates (same name or within 50 m): decide row by row"),
    "pr_no_duplicates": ("没有编号冲突或疑似重复。", "No id clash or likely duplicate."),
    "pr_button": ("合并到项目", "Merge into projects"),
    "col_row": ("行", "Row"),
    "col_id": ("编号", "Id"),
    "col_name": ("名称", "Name"),
    "col_reason": ("原因", "Reason"),
    "col_existing": ("已有项目", "Existing project"),
    "col_distance": ("距离（米）", "Distance (m)"),
    "col_decision": ("决定", "Decision"),
    "reason_id": ("编号相同", "same id"),
    "reason_name": ("名称相同", "same name"),
    "reason_near": ("50 米内", "within 50 m"),
    "decision_add": ("导入", "add"),
    "decision_skip": ("跳过", "skip"),
    "decision_new_id": ("换新编号导入", "add with a new id"),
    "done": ("已导入（审计记录 #{seq}，{id}）。", "Imported (audit entry #{seq}, {id})."),
    "undone": ("已撤销导入 #{seq}。", "Import #{seq} undone."),
    "history": ("导入记录（可撤销）", "Imports (undoable)"),
    "no_history": ("尚无导入。", "Nothing imported yet."),
    "undo": ("撤销导入 #{seq}", "Undo import #{seq}"),
    "undone_by": ("已由 #{seq} 撤销", "undone by #{seq}"),
    "kind_overlay": ("叠加图层", "overlay"),
    "kind_projects": ("项目", "projects"),
    "overlays": ("当前叠加图层", "Active overlay layers"),
}

#: Short headings of report messages by code (the detail that follows names file, feature, field and value).
MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": ("文件过大", "File too large"),
    "empty": ("空文件", "Empty file"),
    "unknown_format": ("无法识别的格式", "Unknown format"),
    "bad_zip": ("压缩包损坏", "Damaged archive"),
    "zip_unsafe": ("压缩包含不安全路径", "Unsafe archive entry"),
    "zip_bomb": ("疑似压缩炸弹", "Possible zip bomb"),
    "zip_entries": ("压缩包文件过多", "Too many archive entries"),
    "xml_unsafe": ("XML 含 DOCTYPE/实体声明", "XML with DOCTYPE/entities"),
    "bad_encoding": ("文字编码无法识别", "Text encoding not recognised"),
    "encoding": ("文字编码", "Text encoding"),
    "crs_unknown": ("坐标系无法判断", "Coordinate system unknown"),
    "crs_mismatch": ("坐标系与坐标不符", "CRS does not fit the coordinates"),
    "zone_prefix": ("高斯-克吕格带号已更正", "Gauss-Kruger zone prefix corrected"),
    "invalid_geometry": ("无效几何", "Invalid geometry"),
    "repaired": ("几何已修复", "Geometry repaired"),
    "far_away": ("位置远离槐荫区", "Far from Huaiyin"),
    "datum": ("坐标偏移已转换", "Web-map offset converted"),
    "axes_swapped": ("X/Y 已互换", "X/Y swapped"),
    "no_geometry": ("缺少几何", "Missing geometry"),
    "bad_coordinates": ("坐标无效", "Invalid coordinates"),
    "no_columns": ("未找到经纬度列", "No coordinate columns"),
    "columns_guessed": ("经纬度列为推测", "Coordinate columns guessed"),
    "shapefile_parts": ("Shapefile 不完整", "Incomplete Shapefile"),
    "no_prj": ("缺少 .prj", "No .prj"),
    "unreadable": ("无法读取", "Unreadable"),
}

UPLOAD_TYPES = ["geojson", "json", "zip", "gpkg", "kml", "kmz", "csv", "txt", "xlsx"]
PREVIEW_MAX = 5000
DATUM_OPTIONS = ["auto", *DATUMS]


def tr(key: str, **fmt: object) -> str:
    return translate(TEXT, key, **fmt)


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
    fig.fit_bounds([[y0, x0], [y1, x1]], max_zoom=16)
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
    kinds = list(OVERLAY_KINDS)
    with st.form("imp_overlay_form"):
        title = st.text_input(tr("ov_title"), value=Path(result.name).stem, key="imp_ov_title")
        kind = st.selectbox(tr("ov_kind"), kinds, key="imp_ov_kind",
                            format_func=lambda k: OVERLAY_KINDS[k][0 if lang() == "zh" else 1])
        provenance = st.text_area(tr("ov_provenance"), placeholder=tr("ov_provenance_hint"), key="imp_ov_provenance")
        note = st.text_input(tr("note"), key="imp_ov_note")
        if not st.form_submit_button(tr("ov_button")):
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
    category = cols[1].selectbox(tr("pr_category"), list(CATEGORIES), key="imp_pr_category", format_func=category_label)
    with cols[2]:
        status = pick(tr("pr_status"), "imp_pr_status", ("status", "状态", "项目状态"))
    labels = dict(sections)
    section = st.selectbox(tr("pr_section"), list(labels), key="imp_pr_section", format_func=labels.get)
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
