"""The legend, built from the same style tables as the map (so they always match)."""

from __future__ import annotations

from planning.messages import Messages
import base64
import html
import re
from collections.abc import Iterable
from typing import Any

from layers import styles
from layers.registry import GROUPS
from planning.model import CATEGORIES, STATUSES, ZONE_KINDS

_TEXT = Messages("legend")

#: The layer tree beside the map: group id → (zh, en) title, in display order.
TREE_GROUPS = Messages("tree_groups")
#: Registry group (layers.registry.GROUPS) → tree group; a group not listed goes to "plan".
_TREE_OF_REGISTRY_GROUP = {"base": "plan", "plan": "plan", "transport": "transport", "ecology": "ecology",
                           "heritage": "ecology"}


def tree_group(registry_group: str) -> str:
    """The tree group a registered layer is listed under."""
    return _TREE_OF_REGISTRY_GROUP.get(registry_group, "plan")


_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _svg_as_image(match: re.Match[str]) -> str:
    data = base64.b64encode(match.group(0).encode("utf-8")).decode("ascii")
    return f'<img alt="" width="16" height="16" style="vertical-align:middle" src="data:image/svg+xml;base64,{data}">'


def _t(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return zh if lang == "zh" else en


def _swatch(style: dict[str, Any]) -> str:
    border = style.get("color", "#333")
    fill = style.get("fillColor", "transparent") if style.get("fill", True) else "transparent"
    dashed = "dashed" if style.get("dashArray") else "solid"
    return f'<span class="hy-swatch" style="border-color:{border};border-style:{dashed};background:{fill}"></span>'


def _line(style: dict[str, Any]) -> str:
    dashed = "dashed" if style.get("dashArray") else "solid"
    return f'<span class="hy-line" style="border-top-color:{style["color"]};border-top-style:{dashed}"></span>'


def _dot(style: dict[str, Any]) -> str:
    return (
        f'<span class="hy-swatch" style="width:12px;height:12px;border-radius:50%;border-color:{style["color"]};'
        f'background:{style["fillColor"]}"></span>'
    )


def _row(symbol_html: str, text: str) -> str:
    return f'<div class="hy-row">{symbol_html}<span>{html.escape(text)}</span></div>'


def _zone_rows(lang: str) -> list[str]:
    rows = [f"<h4>{html.escape(_t('zones', lang))}</h4>"]
    for kind, (zh, en) in ZONE_KINDS.items():
        rows.append(_row(_swatch(styles.ZONE_STYLES[kind]), zh if lang == "zh" else en))
    rows.append(_row(_symbol(styles.LANDMARK_STYLE), _t("landmark", lang)))
    rows.append(_row(_line(styles.BOUNDARY_STYLE), _t("boundary", lang)))
    return rows


def _project_rows(lang: str, categories: Iterable[str]) -> list[str]:
    rows = [f"<h4>{html.escape(_t('status', lang))}</h4>"]
    for status, en in STATUSES.items():
        svg = styles.symbol_svg("circle", styles.STATUS_COLORS[status])
        rows.append(_row(svg, status if lang == "zh" else en))
    rows.append(f'<div class="hy-note">{html.escape(_t("unknown_note", lang))}</div>')
    rows.append(f"<h4>{html.escape(_t('category', lang))}</h4>")
    for category in [c for c in CATEGORIES if c in set(categories)]:
        svg = styles.symbol_svg(styles.CATEGORY_SYMBOLS[category], "#ffffff")
        rows.append(_row(svg, category if lang == "zh" else CATEGORIES[category]))
    return rows


def _transport_rows(lang: str, metro_lines: Iterable[str]) -> list[str]:
    rows = [f"<h4>{html.escape(_t('metro', lang))}</h4>"]
    for line in sorted(set(metro_lines), key=lambda x: (len(x), x)):
        label = f"{line}{_t('line', lang)}" if lang == "zh" else f"{_t('line', lang)}{line}"
        rows.append(_row(_line(styles.metro_style(line, "竣工")), label))
    rows.append(_row(_line({"color": "#555", "dashArray": styles.PLANNED_DASH}), _t("planned", lang)))
    rows.append(_row(_dot(styles.STATION_STYLE), _t("station", lang)))
    rows.append(f"<h4>{html.escape(_t('rail', lang))}</h4>")
    rows.append(_row(_line(styles.RAIL_STYLE), _t("high_speed", lang)))
    rows.append(_row(_line(styles.RAIL_CONVENTIONAL_STYLE), _t("conventional", lang)))
    rows.append(_row(_symbol(styles.RAIL_STATION_STYLE), _t("rail_station", lang)))
    rows.append(_row(_line(styles.ROAD_STYLES["expressway"]), _t("expressway", lang)))
    rows.append(_row(_line(styles.ROAD_STYLES["arterial"]), _t("arterial", lang)))
    return rows


def _other_rows(lang: str) -> list[str]:
    zh, en = GROUPS["ecology"]
    rows = [f"<h4>{html.escape(zh if lang == 'zh' else en)}</h4>"]
    rows.append(_row(_line(styles.WATER_LINE_STYLE), _t("river", lang)))
    rows.append(_row(_swatch(styles.WATER_AREA_STYLE), _t("lake", lang)))
    rows.append(_row(_swatch(styles.WETLAND_STYLE), _t("wetland", lang)))
    rows.append(_row(_swatch(styles.PARK_STYLE), _t("park", lang)))
    rows.append(_row(_symbol(styles.HERITAGE_STYLE), _t("heritage", lang)))
    return rows


def _symbol(style: dict[str, Any]) -> str:
    return styles.symbol_svg(style["symbol"], style["fillColor"], stroke=style["color"], stroke_width=2)


def _overlay_rows(lang: str) -> list[str]:
    return [_row(_swatch(styles.OVERLAY_STYLE), _t("overlay", lang))]


def group_legend_html(group: str, lang: str, *, categories: Iterable[str] = (), metro_lines: Iterable[str] = ()) -> str:
    """The legend of one tree group (shown inside the layer tree, beside the map)."""
    rows = {
        "plan": lambda: _zone_rows(lang),
        "projects": lambda: _project_rows(lang, categories),
        "transport": lambda: _transport_rows(lang, metro_lines),
        "ecology": lambda: _other_rows(lang),
        "imported": lambda: _overlay_rows(lang),
    }[group]()
    if group in ("plan", "ecology"):  # their one heading repeats the group's title
        rows = [r for r in rows if not r.startswith("<h4>")]
    body = _SVG.sub(_svg_as_image, "".join(rows))  # the page's HTML sanitiser drops inline SVG, not images
    return f'<div class="hy-legend hy-legend-tree">{body}</div>'


def legend_html(lang: str, *, categories: Iterable[str], metro_lines: Iterable[str]) -> str:
    """The legend's HTML on the map (exports and other pages): zones, project status and category, transport,
    ecology, heritage."""
    body = (
        _zone_rows(lang)
        + _project_rows(lang, categories)
        + _transport_rows(lang, metro_lines)
        + _other_rows(lang)
    )
    return (
        f"<details open><summary>{html.escape(_t('title', lang))}</summary>"
        f"<div class=\"hy-legend-body\">{''.join(body)}</div></details>"
    )
