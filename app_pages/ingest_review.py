"""One candidate of a plan draft: its sentence, the proposals "same object as …", and the planner's decision."""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import datetime as dt
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from app_pages import data
from app_pages.i18n import category_label, lang, md, unit_label
from layers.builders import MapOptions
from layers.placement import placement_map
from planning.ingest.review import Draft, Place, decide, geocode
from planning.model import CATEGORIES, COMPARISONS, UNITS

TEXT = Messages("ingest_review")


tx = scoped(TEXT)


def title(c: dict[str, Any]) -> str:
    if c["kind"] == "target":
        value = c["value_text"] if c.get("value") is None else f"{c['value']}{c.get('unit') or ''}"
        return f"{c['metric']} · {value} · {c.get('year') or '—'}"
    return c["name"] or ""


def _header(c: dict[str, Any], decision) -> None:
    st.markdown(md(f"{tx('kind_' + c['kind'])} · {title(c)}"))
    st.text(c["sentence"])  # the plan's words, as text: never markup
    st.caption(tx("where", section=c.get("section_title") or c.get("section") or "—", start=c["line_start"],
                  end=c["line_end"], method=c["method"], confidence=c["confidence"]))
    if c["kind"] == "zone" and c.get("details"):
        d = c["details"]
        st.caption(tx("zone_details", role=d.get("role") or "—", industries="、".join(d.get("industries") or []) or "—",
                      carriers="、".join(d.get("carriers") or []) or "—"))
    if c.get("matches"):
        st.caption(tx("same_as") + " " + "；".join(f"{m['feature_id']} {m['name']}（{m['evidence']}）" for m in c["matches"]))
    if decision.action != "pending":
        by = f"（{decision.by} {decision.at}）" if decision.by else ""
        st.caption(tx("decided", action=tx("a_" + decision.action), by=by))


def _target_fields(c: dict[str, Any], key: str, values: dict[str, Any]) -> dict[str, Any]:
    out = {"metric_zh": st.text_input(tx("metric_zh"), values.get("metric_zh", c["metric"]), key=f"{key}_mzh"),
           "metric_en": st.text_input(tx("metric_en"), values.get("metric_en", ""), key=f"{key}_men")}
    value = st.text_input(tx("value"), "" if (v := values.get("value", c.get("value"))) is None else str(v), key=f"{key}_val")
    try:
        out["value"] = float(value) if value.strip() else None
    except ValueError:
        out["value"] = c.get("value")
        st.warning(md(f"{tx('value')}: “{value}”"))
    units = [None, *UNITS]
    unit = values.get("unit", {"位": "人", "名": "人"}.get(c.get("unit"), c.get("unit")))
    out["unit"] = st.selectbox(tx("unit"), units, index=units.index(unit) if unit in units else 0, key=f"{key}_unit",
                               format_func=lambda u: unit_label(u) if u else tx("no_unit"))
    out["year"] = int(st.number_input(tx("year"), 1990, 2100, int(values.get("year", c.get("year") or 2030)), key=f"{key}_yr"))
    cmp = values.get("comparison", c.get("comparison") or "none")
    out["comparison"] = st.selectbox(tx("comparison"), COMPARISONS, index=COMPARISONS.index(cmp), key=f"{key}_cmp",
                                     format_func=lambda x: tx("cmp_" + x))
    return out


def _project_fields(c: dict[str, Any], key: str, values: dict[str, Any]) -> dict[str, Any]:
    cats = list(CATEGORIES)
    cat = values.get("category", c.get("category"))
    return {"name_zh": st.text_input(tx("name_zh"), values.get("name_zh", c["name"]), key=f"{key}_nzh"),
            "name_en": st.text_input(tx("name_en"), values.get("name_en", ""), key=f"{key}_nen"),
            "category": st.selectbox(tx("category"), cats, index=cats.index(cat) if cat in cats else None,
                                     key=f"{key}_cat", format_func=category_label, placeholder=tx("category"))}


def _position(c: dict[str, Any], key: str, places: list[Place], decision) -> dict[str, Any] | None:
    st.markdown(md(tx("place")))
    found = geocode(f"{c['name']}", places) or geocode(c["sentence"], places)[:4]
    options = ["none", "gazetteer", "click", "typed"]
    clicked = st.session_state.get(f"{key}_clicked")
    current = decision.place or {}
    default = current.get("method") if current.get("method") in options else ("gazetteer" if found else "none")
    use = st.radio(tx("use"), options, index=options.index(default), key=f"{key}_use", horizontal=True,
                   format_func=lambda o: tx("use_" + o))
    if use == "gazetteer":
        if not found:
            st.caption(tx("place_none"))
            return None
        pick = st.selectbox(tx("place_gazetteer"), range(len(found)), key=f"{key}_gz",
                            format_func=lambda i: f"{i + 1}. {found[i].name}（{found[i].layer} {found[i].feature_id}）")
        return {"lon": found[pick].lon, "lat": found[pick].lat, "method": "feature", "ref": found[pick].feature_id}
    if use == "click":
        if clicked:
            return {"lon": clicked[0], "lat": clicked[1], "method": "click", "ref": None}
        return None
    if use == "typed":
        lon = st.number_input(tx("lon"), 116.0, 118.0, float(current.get("lon", 116.895)), format="%.6f", key=f"{key}_lon")
        lat = st.number_input(tx("lat"), 36.0, 37.5, float(current.get("lat", 36.676)), format="%.6f", key=f"{key}_lat")
        return {"lon": lon, "lat": lat, "method": "typed", "ref": None}
    return None


PLACING_KEY = "ing_placing"


def _place_here(candidate_id: str) -> None:
    st.session_state[PLACING_KEY] = candidate_id


def placement(c: dict[str, Any], key: str, places: list[Place]) -> None:
    """The map to click for this candidate's position: one map on the page, in the card being placed."""
    if st.session_state.get(PLACING_KEY) != c["id"]:
        st.button(tx("place_click"), key=f"{key}_placebtn", on_click=_place_here, args=(c["id"],))
        return
    _, sig = data.current_plan()
    geo = data.map_geojson(sig, lang(), False)
    found = geocode(c["name"] or "", places) or geocode(c["sentence"], places)[:4]
    clicked = st.session_state.get(f"{key}_clicked")
    st.caption(tx("place_click_hint"))
    fig = placement_map(geo, MapOptions(lang=lang(), controls=False), chosen=clicked,
                        suggestions=[(p.name, p.lon, p.lat) for p in found])
    out = st_folium(fig, key=f"{key}_map", height=380, use_container_width=True, returned_objects=["last_clicked"])
    if clicked:
        st.caption(tx("clicked", lon=clicked[0], lat=clicked[1]))
    point = (out or {}).get("last_clicked")
    if point and (round(point["lng"], 6), round(point["lat"], 6)) != clicked:
        st.session_state[f"{key}_clicked"] = (round(point["lng"], 6), round(point["lat"], 6))
        st.rerun()


def card(draft: Draft, c: dict[str, Any], user: str, places: list[Place], on_save) -> None:
    """The candidate with its decision form; ``on_save(draft)`` persists the draft."""
    key = f"ing_{c['id']}"
    decision = draft.decision(c["id"])
    with st.container(border=True):
        _header(c, decision)
        if c["kind"] == "project":
            placement(c, key, places)
        with st.form(f"{key}_form"):
            actions = ["pending", "accept", "merge", "reject"]
            action = st.radio(tx("action"), actions, index=actions.index(decision.action), key=f"{key}_act",
                              horizontal=True, format_func=lambda a: tx("a_" + a))
            match_ids = [m["feature_id"] for m in c.get("matches") or []]
            merge = st.selectbox(tx("merge_with"), match_ids, index=0 if match_ids else None, key=f"{key}_mw") if match_ids else None
            other = st.text_input(tx("merge_other"), "", key=f"{key}_mo")
            values = _target_fields(c, key, decision.values) if c["kind"] == "target" else (
                _project_fields(c, key, decision.values) if c["kind"] == "project" else {})
            place = _position(c, key, places, decision) if c["kind"] == "project" else None
            reason = st.text_input(tx("reason"), decision.reason or "", key=f"{key}_why")
            if st.form_submit_button(tx("save")):
                decide(draft, c["id"], action, user=user, now=dt.datetime.now(dt.UTC), values=values,
                       feature_id=(other.strip() or merge), place=place, reason=reason)
                on_save(draft, tx("saved", label=title(c), action=tx("a_" + action)))
                st.rerun()
