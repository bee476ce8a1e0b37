"""Offline assets: every Leaflet/plugin JS and CSS link points at the app's own copy.

folium emits CDN links (jsdelivr, cdnjs, unpkg, code.jquery.com); the map must
render with the network off, so :func:`localize` replaces them, on the
element instances only (folium's class attributes are left alone, so no
state leaks between sessions), with the files vendored under ``static/vendor``
(served by Streamlit at ``/app/static/vendor``). A link with no local copy
raises :class:`MissingAssetError` rather than silently reaching a CDN.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import branca.element
import folium

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
MANIFEST_PATH = STATIC_DIR / "vendor" / "MANIFEST.json"
URL_PREFIX = "/app/static/"


class MissingAssetError(RuntimeError):
    """A folium element links a CDN file that is not vendored."""


@functools.cache
def manifest() -> dict[str, str]:
    """CDN URL → local URL (read once; the file ships with the app)."""
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def local_url(url: str) -> str:
    """The local URL for a CDN URL; local URLs are returned unchanged."""
    if url.startswith(URL_PREFIX):
        return url
    try:
        return manifest()[url]
    except KeyError:
        msg = f"{url} is not vendored under static/vendor; add it to scripts/vendor_static.sh and MANIFEST.json"
        raise MissingAssetError(msg) from None


def local_path(url: str) -> Path:
    """File path of a local asset URL (for inlining into self-contained exports)."""
    return STATIC_DIR / local_url(url).removeprefix(URL_PREFIX)


def asset_bytes(path: Path) -> bytes:
    """The bytes of a vendored or system asset file (a font, a script, a style sheet)."""
    return path.read_bytes()


def asset_text(path: Path) -> str:
    """The UTF-8 text of a vendored asset file."""
    return path.read_text(encoding="utf-8")


def asset_exists(path: Path) -> bool:
    """Whether an asset file is installed (vendored files, Debian's fonts)."""
    return path.is_file()


def leaflet_images_url() -> str:
    return manifest()["leaflet_images"]


def _walk(element: branca.element.Element):  # noqa: ANN202 - generator of elements
    yield element
    for child in element._children.values():  # noqa: SLF001 - folium exposes no public iterator
        yield from _walk(child)


def localize(root: folium.Map | folium.FeatureGroup) -> None:
    """Point every JS/CSS link of ``root`` and its descendants at the vendored copies."""
    for element in _walk(root):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, [(name, local_url(url)) for name, url in links])


#: folium's default files for folium.Icon / awesome markers, Bootstrap-styled elements and jQuery (which
#: none of the vendored plugins nor our elements use). Our maps draw canvas symbols and plain Leaflet popups
#: only, so they are left out: fewer requests and less to parse before the map paints (in an inlined
#: export, Font Awesome alone would add 3.8 MB of fonts).
UNUSED_DEFAULTS = frozenset({
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css", "awesome_markers_font_css",
    "awesome_markers_css", "awesome_rotate_css",
})


def drop_unused_defaults(m: folium.Map) -> None:
    """Leave folium's icon and Bootstrap files out of this map (instance attributes only; the class is untouched)."""
    m.default_js = [(name, url) for name, url in m.default_js if name not in UNUSED_DEFAULTS]
    m.default_css = [(name, url) for name, url in m.default_css if name not in UNUSED_DEFAULTS]
