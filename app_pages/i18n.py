"""Every user-facing string of the app, in Chinese (default) and English."""

from __future__ import annotations

import re

import streamlit as st

from planning.model import CATEGORIES, STATUSES, UNITS, ZONE_KINDS

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("槐荫规划一张图", "Huaiyin Planning Map"),
    "app_subtitle": ("济南市槐荫区“十四五”规划和2035年远景目标纲要", "Huaiyin District 14th Five-Year Plan and 2035 outline"),
    "page_map": ("规划地图", "Plan map"),
    "page_plan": ("规划原文", "Plan text"),
    "page_sources": ("数据与来源", "Data and sources"),
    "page_tour": ("演示模式", "Presentation"),
    "page_exports": ("导出", "Exports"),
    "page_ingest": ("规划导入", "Plan ingestion"),
    "page_import": ("数据导入", "Import data"),
    "page_analysis": ("空间分析", "Spatial analysis"),
    "page_bulk": ("批量更新", "Bulk updates"),
    "language": ("语言 Language", "Language 语言"),
    "basemap": ("底图", "Basemap"),
    "basemap_offline_note": (
        "无网络时瓦片不会加载；“无瓦片”底图由本项目自己的图层绘制，离线可用。",
        "Tiles need a network; the “No tiles” basemap is drawn from our own layers and works offline.",
    ),
    "search": ("搜索项目或片区", "Search projects or zones"),
    "search_placeholder": ("中文或英文名称，如 树兰 / hospital", "Chinese or English name, e.g. 树兰 / hospital"),
    "search_none": ("没有找到匹配的项目或片区。", "No project or zone matches."),
    "search_results": ("搜索结果", "Search results"),
    "filters": ("筛选", "Filters"),
    "filter_status": ("项目状态", "Project status"),
    "filter_category": ("项目类别", "Category"),
    "filter_zone": ("所在片区", "Zone"),
    "filter_plan": ("规划", "Plan"),
    "filter_source": ("来源（专栏/章节）", "Source (box/chapter)"),
    "filter_all": ("全部", "All"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "layers": ("图层与图例", "Layers and legend"),
    "count_projects": ("项目", "Projects"),
    "count_shown": ("显示 {shown} / 共 {total} 个项目", "{shown} of {total} projects shown"),
    "status_counts": ("按状态", "By status"),
    "data_problems": ("数据文件有问题，其余图层照常显示：", "Some data files have problems; every other layer is shown:"),
    "data_problem_count": ("{n} 个问题", "{n} problem(s)"),
    "panel_hint": (
        "点击地图上的片区或项目，或在左侧搜索，查看详情。",
        "Click a zone or a project on the map, or search in the sidebar, to see its details.",
    ),
    "close": ("关闭", "Close"),
    "zone": ("片区", "Zone"),
    "project": ("项目", "Project"),
    "kind": ("类型", "Kind"),
    "role": ("功能定位", "Role"),
    "industries": ("主导产业", "Lead industries"),
    "carriers": ("重要载体", "Carriers"),
    "area": ("面积", "Area"),
    "area_value": ("{ha:,.1f} 公顷（{mu:,.0f} 亩）", "{ha:,.1f} ha ({mu:,.0f} mu)"),
    "area_note": ("按 CGCS2000 高斯-克吕格 117°E（EPSG:4548）计算", "measured in CGCS2000 Gauss-Kruger 117°E (EPSG:4548)"),
    "targets": ("目标指标", "Targets"),
    "no_targets": ("规划未给出该片区的量化目标。", "The plan gives no quantified target for this zone."),
    "projects_in_zone": ("片区内项目", "Projects in this zone"),
    "no_projects": ("无", "None"),
    "metric": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "baseline": ("基期值", "Baseline"),
    "target": ("目标值", "Target"),
    "latest": ("最新观测", "Latest observation"),
    "unknown": ("未知", "Unknown"),
    "none_observed": ("暂无观测", "No observation yet"),
    "category": ("类别", "Category"),
    "status": ("状态", "Status"),
    "status_date": ("状态日期", "Status date"),
    "status_source": ("状态依据", "Status source"),
    "status_unknown_note": (
        "规划原文未说明该项目的进展，状态记为“未知”。",
        "The plan does not state this project's progress, so its status is “Unknown”.",
    ),
    "sources": ("规划出处", "Source in the plan"),
    "zones_of": ("所在片区", "Zones"),
    "no_zone": ("不在任何片区内", "Not inside any zone"),
    "geometry": ("位置", "Location"),
    "geometry_quality": ("位置精度", "Location quality"),
    "approximate": ("示意位置（近似）", "approximate (schematic)"),
    "derived": ("由公开数据转换（非测绘）", "derived from public data (not surveyed)"),
    "surveyed": ("测绘位置", "surveyed"),
    "geometry_source": ("位置来源", "How it was placed"),
    "outside_note": ("区外说明", "Outside the district"),
    "description": ("说明", "Description"),
    "open_in_plan": ("查看规划原文", "Read in the plan"),
    "select": ("在地图上选中", "Select on map"),
    "table": ("项目表", "Projects table"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "col_id": ("编号", "ID"),
    "col_name": ("名称", "Name"),
    "col_category": ("类别", "Category"),
    "col_status": ("状态", "Status"),
    "col_zones": ("片区", "Zones"),
    "col_source": ("出处", "Source"),
    "col_quality": ("位置精度", "Location"),
    "feature": ("要素", "Feature"),
    "layer": ("图层", "Layer"),
    "plan_text_intro": (
        "规划纲要原文，按章节和专栏分段。地图上每个要素都链接到这里的出处。",
        "The plan's text, cut into chapters, sections and boxes. Every feature on the map links here.",
    ),
    "section_not_found": ("没有编号为 {sid} 的章节。", "There is no section {sid}."),
    "plan_text_missing": (
        "数据中没有规划原文（{file}），请运营人员补上该文件。",
        "The data has no plan text ({file}); ask the operator to add that file.",
    ),
    "sections": ("章节目录", "Sections"),
    "sources_intro": (
        "每个数据文件的来源、许可、日期和修改记录，以及数据校验结果。",
        "Origin, licence, date and edits of every data file, and the validation report.",
    ),
    "validation": ("数据校验", "Validation"),
    "validation_ok": ("全部数据通过校验。", "All data files pass validation."),
    "layer_counts": ("图层要素数", "Features per layer"),
    "valid": ("有效", "valid"),
    "in_file": ("文件中", "in file"),
    "approx_banner": (
        "图上位置为依据规划文字和公开地图绘制的示意位置（approximate），不是测绘成果。",
        "Positions are schematic, placed from the plan's text and public maps (approximate), not surveyed.",
    ),
    "cumulative": ("五年累计", "5-year cumulative"),
    "selected_none": ("未选中", "Nothing selected"),
    "login": ("规划人员登录", "Planner login"),
    "login_button": ("登录", "Log in"),
    "settings_error": ("配置有误，应用无法启动：{detail}。请修改该环境变量后重新启动。",
                       "The configuration is wrong and the app cannot start: {detail}. Fix that environment variable and restart."),
    "logout": ("退出登录", "Log out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "logged_in_as": ("已登录：{name}（可编辑）", "Logged in as {name} (editing enabled)"),
    "login_failed": ("用户名或密码不正确。", "Wrong username or password."),
    "login_no_accounts": (
        "尚未配置任何账户：运维人员请用 python -m planning account add 用户名 创建。",
        "No account is configured: the operator creates one with python -m planning account add USERNAME.",
    ),
    "login_locked": ("尝试次数过多，请 {s} 秒后再试。", "Too many attempts; try again in {s} seconds."),
    "login_store_error": ("登录状态无法读取或保存，请联系运维人员：{detail}", "The login state cannot be read or saved; tell the operator: {detail}"),
    "read_only_note": ("未登录时为只读浏览。", "Without a login the app is read-only."),
    "page_dashboard": ("目标与项目", "Targets and projects"),
    "tab_indicators": ("指标进展", "Indicators"),
    "tab_13th": ("“十三五”完成情况", "13th plan results"),
    "tab_pipeline": ("项目库", "Project pipeline"),
    "tab_zones": ("片区卡片", "Zone cards"),
    "tab_rules": ("评价规则", "Rules"),
    "district_scope": ("全区", "District"),
    "scope": ("范围", "Scope"),
    "scope_district": ("全区指标（含专栏2）", "District indicators (incl. Box 2)"),
    "scope_zone": ("片区目标", "Zone targets"),
    "scope_industry": ("产业目标", "Industry targets"),
    "attribute": ("属性", "Type"),
    "attribute_note": (
        "预期性指标主要依靠市场力量实现；约束性指标必须完成。加“五年累计”的为五年累计值。颜色按“评价规则”计算，无观测数据时为灰色。",
        "Indicative targets rely mainly on market forces; binding targets must be met. “5-year cumulative” targets sum the "
        "period. Colours follow the Rules tab; grey means no observation yet.",
    ),
    "annual_growth": ("年均增长(%)", "Annual growth (%)"),
    "none_named": ("规划未列出", "none named by the plan"),
    "same_object": ("同一对象（现有要素）", "Same object (existing feature)"),
    "zone_stated": ("规划所述片区", "Zone the plan states"),
    "zone_landmarks": ("规划载体（已有地点）", "Carriers (existing places the plan names)"),
    "drawn_outside": ("示意位置在片区外", "drawn outside the zone"),
    "not_stated": ("位于片区内，规划未点名", "inside, not named for this zone"),
    "conflict_note": ("规划内表述不一致", "The plan states this twice, differently"),
    "latest_source": ("观测来源", "Observation source"),
    "progress": ("进度", "Progress"),
    "on_track": ("评价", "On track?"),
    "why": ("依据", "Why"),
    "path_chart": ("指标路径", "Indicator path"),
    "choose_indicator": ("选择指标", "Choose an indicator"),
    "required_path": ("规划路径", "Required path"),
    "observed": ("观测值", "Observed"),
    "year": ("年份", "Year"),
    "no_path": ("该指标没有可画的数值路径。", "This indicator has no numeric path to draw."),
    "value_2015": ("2015年", "2015"),
    "planned_2020": ("2020年规划目标", "Planned for 2020"),
    "actual_2020": ("2020年完成", "Achieved in 2020"),
    "thirteenth_note": (
        "专栏1：“十三五”规划主要指标完成情况（2020年实际值为观测值）。",
        "Box 1: 13th plan indicators, planned against achieved (the 2020 actuals are observations).",
    ),
    "batches_note": (
        "第九章：“储备一批、开工一批、建设一批、竣工一批”。状态仅在规划原文或规划人员的更新中有依据时记录，其余为“未知”。",
        "Chapter 9: “a batch in reserve, started, under construction, completed”. A status is recorded only where the plan "
        "or a planner's update states it; the rest is Unknown.",
    ),
    "by_zone": ("按片区", "By zone"),
    "by_category": ("按类别", "By category"),
    "total": ("合计", "Total"),
    "stale_days": ("超过多少天未更新", "Not updated for more than (days)"),
    "stale_title": ("{n} 个项目超过 {days} 天未更新状态（含从未更新）", "{n} projects not updated for {days} days (including never)"),
    "last_update": ("最近更新", "Last update"),
    "days_since": ("距今天数", "Days since"),
    "show_on_map": ("在地图上查看", "Show on map"),
    "edit_saved": ("已保存（审计记录 #{seq}）。", "Saved (audit entry #{seq})."),
    "status_source_hint": ("依据，如：区发改局2026年第三季度调度表", "Where this comes from, e.g. the district's Q3 2026 project report"),
    "note": ("备注", "Note"),
    "save": ("保存", "Save"),
    "field_id": ("编号（小写字母、数字、-）", "ID (lowercase letters, digits, -)"),
    "field_name_zh": ("中文名称", "Chinese name"),
    "field_name_en": ("英文名称", "English name"),
    "field_description_zh": ("中文说明", "Chinese description"),
    "field_description_en": ("英文说明", "English description"),
    "move_hint": (
        "输入 WGS84 经纬度，或先在地图空白处点击取点。",
        "Type WGS84 longitude/latitude, or first click an empty spot on the map to pick a point.",
    ),
    "lon": ("经度（WGS84）", "Longitude (WGS84)"),
    "lat": ("纬度（WGS84）", "Latitude (WGS84)"),
    "history": ("修改记录", "History"),
    "no_history": ("尚无修改记录。", "No change recorded yet."),
    "reverts_entry": ("撤销 #{seq}", "reverts #{seq}"),
    "before": ("修改前", "before"),
    "after": ("修改后", "after"),
    "revert": ("撤销此修改", "Revert this change"),
    "revert_note": ("撤销 #{seq}", "Revert of #{seq}"),
    "edit_status": ("更新状态", "Update status"),
    "edit_attributes": ("修正属性", "Correct attributes"),
    "edit_position": ("修正位置", "Correct position"),
    "value": ("数值", "Value"),
    "obs_source": ("数据来源", "Source"),
    "obs_source_hint": ("如：槐荫区2025年国民经济和社会发展统计公报", "e.g. Huaiyin 2025 statistical communiqué"),
    "new_project": ("新增项目", "Add a project"),
    "new_project_hint": (
        "新项目状态为“未知”、位置为近似，直到有依据的更新。先在地图空白处点击可取点。",
        "A new project starts as Unknown with an approximate position until a sourced update. Click an empty spot on the map to pick its point.",
    ),
    "record_observation": ("记录观测值", "Record an observation"),
    "picked_point": ("已取点：{lon:.6f}, {lat:.6f}（WGS84）", "Picked point: {lon:.6f}, {lat:.6f} (WGS84)"),
    "choose_target": ("选择目标", "Choose a target"),
    "analysis": ("空间分析", "Spatial analysis"),
    "density": ("项目密度 {d:.1f} 个/平方公里", "{d:.1f} projects per km²"),
    "transit_share": ("{p:.0f}% 面积在地铁站 800 米内", "{p:.0f}% of the area within 800 m of a metro station"),
    "nearest_station": ("最近站点：{name}，{m:,.0f} 米", "Nearest station: {name}, {m:,.0f} m"),
    "redline_total": ("与生态空间重叠 {ha:.2f} 公顷（{mu:.1f} 亩）：", "Overlaps ecological space by {ha:.2f} ha ({mu:.1f} mu):"),
    "redline_none": ("与生态图层（玉符河生态带、河流缓冲、湿地、公园）无重叠。", "No overlap with the ecological layers (Yufu belt, buffered rivers, wetlands, parks)."),
    "analysis_note": (
        "依据示意位置在 EPSG:4548 中计算，仅供参考。",
        "Computed in EPSG:4548 from schematic positions; indicative only.",
    ),
    "table_show": ("显示项目表（{n} 个项目）", "Show the projects table ({n} projects)"),
    "table_find": ("在表中查找", "Find in the table"),
    "table_find_hint": ("名称或编号", "Name or ID"),
    "table_sort": ("排序", "Sort by"),
    "table_desc": ("倒序", "Descending"),
    "table_page": ("页码（共 {pages} 页）", "Page (of {pages})"),
    "table_rows": ("第 {first}–{last} 行，共 {n} 行", "Rows {first}–{last} of {n}"),
    "table_empty": ("没有符合条件的项目。", "No project matches."),
    "no_outline": (
        "数据目录中缺少规划原文（plan_outline.txt），新项目无法引用出处。",
        "The data folder has no plan text (plan_outline.txt), so a new project cannot cite its source.",
    ),
}


def lang() -> str:
    """The session's language (``zh`` or ``en``)."""
    return st.session_state.get("lang", "zh")


def translate(table: dict[str, tuple[str, str]], key: str, **fmt: object) -> str:
    """``table[key]`` in the session language; pages with many strings of their own keep their own table."""
    zh, en = table[key]
    text = zh if lang() == "zh" else en
    return text.format(**fmt) if fmt else text


def colon() -> str:
    """The label separator: full-width in Chinese, ASCII in English."""
    return "：" if lang() == "zh" else ": "


def join_list(items: object) -> str:
    """A list in running text: 、 in Chinese, commas in English."""
    return ("、" if lang() == "zh" else ", ").join(str(i) for i in items)  # type: ignore[attr-defined]


def count(n: int) -> str:
    """A count in brackets after a label."""
    return f"（{n}）" if lang() == "zh" else f" ({n})"


def t(key: str, **fmt: object) -> str:
    return translate(TEXT, key, **fmt)


def status_label(status: str) -> str:
    return status if lang() == "zh" else STATUSES.get(status, status)


def category_label(category: str) -> str:
    return category if lang() == "zh" else CATEGORIES.get(category, category)


def kind_label(kind: str) -> str:
    zh, en = ZONE_KINDS.get(kind, (kind, kind))
    return zh if lang() == "zh" else en


def unit_label(unit: str | None) -> str:
    if unit is None:  # the plan gives no unit
        return "—"
    return unit if lang() == "zh" else UNITS.get(unit, unit)


def name_of(row: object) -> str:
    """A feature's name in the session language (row: mapping with name_zh/name_en)."""
    get = row.get  # type: ignore[attr-defined]
    return str(get("name_en") or get("name_zh")) if lang() == "en" else str(get("name_zh"))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md(text: object) -> str:
    """Escape data text for st.markdown (no links, emphasis or HTML can be injected)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))
