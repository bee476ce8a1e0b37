#!/usr/bin/env bash
# Vendor the Leaflet + plugin JS/CSS that folium 0.20.0 links from CDNs into
# static/vendor/, so maps render with no network (Streamlit serves ./static/
# at /app/static/ when run with --server.enableStaticServing true).
#
#   bash scripts/vendor_static.sh          # (re)build static/vendor/
#
# Needs: npm (npm registry), and a Python with pip (PyPI) for folium's sdist.
# Each package is fetched with `npm pack NAME@VERSION` (npm checks the
# registry's integrity hash), only the files folium links are copied, plus
# every local file their CSS references with url(...), plus the licence file.
# Files are copied byte-for-byte, keeping the package-relative layout, to
# static/vendor/<name>@<version>/<path in package>.
# static/vendor/MANIFEST.json (CDN URL -> /app/static/... path) is rewritten.
#
# When folium is upgraded: render a map with the plugins in use, collect the
# <script src>/<link href> URLs, and update the VERSION/URL lines below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/static/vendor"
URL_PREFIX="/app/static/vendor"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[[ -x "$PY" ]] || PY="$(command -v python3)"
FOLIUM_VERSION="0.20.0"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

installed_folium="$("$PY" -c 'import folium; print(folium.__version__)' 2>/dev/null || echo none)"
if [[ "$installed_folium" != "$FOLIUM_VERSION" ]]; then
  echo "WARNING: installed folium is $installed_folium, this script matches folium $FOLIUM_VERSION's CDN links" >&2
fi

mkdir -p "$DEST"

# Unpack the npm tarball of $1 (NAME@VERSION) into $WORK/<dir>/package; echo that path.
npm_unpack() {
  local spec="$1" tgz dir
  tgz="$(cd "$WORK" && npm pack "$spec" --silent | tail -n 1)"
  dir="$WORK/${tgz%.tgz}"
  mkdir -p "$dir"
  tar -xzf "$WORK/$tgz" -C "$dir" --warning=no-unknown-keyword
  echo "$dir/package"
}

# copy_file SRC_ROOT REL OUT_ROOT: copy SRC_ROOT/REL to OUT_ROOT/REL.
copy_file() {
  local src="$1/$2" out="$3/$2"
  [[ -f "$src" ]] || { echo "ERROR: missing $src" >&2; exit 1; }
  mkdir -p "$(dirname "$out")"
  cp "$src" "$out"
}

# copy_css_refs SRC_ROOT REL OUT_ROOT: copy every local url(...) of a CSS file.
copy_css_refs() {
  local root="$1" rel="$2" out="$3" ref resolved
  while IFS= read -r ref; do
    ref="${ref#url(}"; ref="${ref%)}"
    ref="${ref#\"}"; ref="${ref%\"}"; ref="${ref#\'}"; ref="${ref%\'}"
    ref="${ref%%\?*}"; ref="${ref%%#*}"
    case "$ref" in ""|data:*|http:*|https:*|//*|/*) continue ;; esac
    resolved="$(realpath -m --relative-to="$root" "$root/$(dirname "$rel")/$ref")"
    case "$resolved" in ../*) echo "ERROR: $rel references $ref outside the package" >&2; exit 1 ;; esac
    copy_file "$root" "$resolved" "$out"
  done < <(grep -oE 'url\([^)]*\)' "$root/$rel" | sort -u)
}

# vendor NAME@VERSION LICENCE_FILE FILE...: copy files (+ CSS refs) + licence.
vendor() {
  local spec="$1" licence="$2"; shift 2
  local pkg out f
  pkg="$(npm_unpack "$spec")"
  out="$DEST/$spec"
  rm -rf "$out"; mkdir -p "$out"
  for f in "$@"; do
    copy_file "$pkg" "$f" "$out"
    [[ "$f" == *.css ]] && copy_css_refs "$pkg" "$f" "$out"
  done
  if [[ -n "$licence" ]]; then copy_file "$pkg" "$licence" "$out"; fi
  echo "vendored $spec: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
}

# --- folium.Map default_js / default_css ----------------------------------
vendor leaflet@1.9.3 LICENSE \
  dist/leaflet.js dist/leaflet.css \
  dist/images/marker-icon.png dist/images/marker-icon-2x.png dist/images/marker-shadow.png
vendor jquery@3.7.1 LICENSE.txt dist/jquery.min.js
vendor bootstrap@5.2.2 LICENSE dist/js/bootstrap.bundle.min.js dist/css/bootstrap.min.css
vendor @fortawesome/fontawesome-free@6.2.0 LICENSE.txt css/all.min.css
# cdnjs serves this as Leaflet.awesome-markers/2.0.2; npm has 2.0.0/2.0.4/2.0.5,
# whose dist JS/CSS are byte-identical (JS says L.AwesomeMarkers.version '2.0.1').
vendor leaflet.awesome-markers@2.0.5 LICENSE dist/leaflet.awesome-markers.js dist/leaflet.awesome-markers.css
# SUBSTITUTE: netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css
# is in no npm package; this is the Glyphicons part of Bootstrap 3.3.7 (MIT) only.
vendor @neos21/bootstrap3-glyphicons@1.0.7 LICENSE dist/css/bootstrap3-glyphicons.min.css

# --- plugins ---------------------------------------------------------------
vendor leaflet.markercluster@1.1.0 MIT-LICENCE.txt \
  dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css
# jsdelivr's Control.FullScreen.min.js is its on-the-fly minification of this file.
vendor leaflet.fullscreen@3.0.0 LICENSE Control.FullScreen.js Control.FullScreen.css
# cdnjs's unminified Control.MiniMap.js/.css are the package's src/ files.
vendor leaflet-minimap@3.6.1 LICENSE.txt src/Control.MiniMap.js src/Control.MiniMap.css
# jsdelivr's gh/.../leaflet-measure.min.css is its on-the-fly minification of dist/leaflet-measure.css.
vendor leaflet-measure@2.1.7 LICENSE dist/leaflet-measure.min.js dist/leaflet-measure.css
vendor leaflet-groupedlayercontrol@0.6.1 LICENSE.txt \
  dist/leaflet.groupedlayercontrol.min.js dist/leaflet.groupedlayercontrol.min.css
vendor leaflet-search@2.9.7 license.txt dist/leaflet-search.min.js dist/leaflet-search.min.css
vendor leaflet-draw@1.0.2 "" dist/leaflet.draw.js dist/leaflet.draw.css
vendor leaflet.featuregroup.subgroup@1.0.2 LICENSE dist/leaflet.featuregroup.subgroup.js

# The leaflet-draw npm tarballs ship no licence file; package.json says MIT.
# This is the upstream MIT-LICENSE.md of github.com/Leaflet/Leaflet.draw.
cat > "$DEST/leaflet-draw@1.0.2/MIT-LICENSE.md" <<'EOF'
Copyright 2012-2016 Jacob Toye and Leaflet

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
EOF

# --- folium's own leaflet.awesome.rotate(.min).css -------------------------
# folium links it from its GitHub repo via jsdelivr (auto-minified); the
# unminified file is in folium's PyPI sdist (not in the wheel).
"$PY" -m pip download "folium==$FOLIUM_VERSION" --no-deps --no-binary :all: \
  -d "$WORK/pip" -q --disable-pip-version-check 2>/dev/null
mkdir -p "$WORK/folium"
tar -xzf "$WORK/pip/folium-$FOLIUM_VERSION.tar.gz" -C "$WORK/folium"
out="$DEST/folium@$FOLIUM_VERSION"
rm -rf "$out"
copy_file "$WORK/folium/folium-$FOLIUM_VERSION" folium/templates/leaflet.awesome.rotate.css "$out"
copy_file "$WORK/folium/folium-$FOLIUM_VERSION" LICENSE.txt "$out"
echo "vendored folium@$FOLIUM_VERSION (sdist): leaflet.awesome.rotate.css"

# --- MANIFEST.json: exact CDN URL folium emits -> local URL -----------------
JD=https://cdn.jsdelivr.net
CJ=https://cdnjs.cloudflare.com/ajax/libs
MAP=(
  # folium.Map.default_js
  "$JD/npm/leaflet@1.9.3/dist/leaflet.js|leaflet@1.9.3/dist/leaflet.js"
  "https://code.jquery.com/jquery-3.7.1.min.js|jquery@3.7.1/dist/jquery.min.js"
  "$JD/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js|bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js"
  "$CJ/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js|leaflet.awesome-markers@2.0.5/dist/leaflet.awesome-markers.js"
  # folium.Map.default_css
  "$JD/npm/leaflet@1.9.3/dist/leaflet.css|leaflet@1.9.3/dist/leaflet.css"
  "$JD/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css|bootstrap@5.2.2/dist/css/bootstrap.min.css"
  "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css|@neos21/bootstrap3-glyphicons@1.0.7/dist/css/bootstrap3-glyphicons.min.css"
  "$JD/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css|@fortawesome/fontawesome-free@6.2.0/css/all.min.css"
  "$CJ/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css|leaflet.awesome-markers@2.0.5/dist/leaflet.awesome-markers.css"
  "$JD/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css|folium@$FOLIUM_VERSION/folium/templates/leaflet.awesome.rotate.css"
  # MarkerCluster, FastMarkerCluster
  "$CJ/leaflet.markercluster/1.1.0/leaflet.markercluster.js|leaflet.markercluster@1.1.0/dist/leaflet.markercluster.js"
  "$CJ/leaflet.markercluster/1.1.0/MarkerCluster.css|leaflet.markercluster@1.1.0/dist/MarkerCluster.css"
  "$CJ/leaflet.markercluster/1.1.0/MarkerCluster.Default.css|leaflet.markercluster@1.1.0/dist/MarkerCluster.Default.css"
  # Fullscreen
  "$JD/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js|leaflet.fullscreen@3.0.0/Control.FullScreen.js"
  "$JD/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css|leaflet.fullscreen@3.0.0/Control.FullScreen.css"
  # MiniMap
  "$CJ/leaflet-minimap/3.6.1/Control.MiniMap.js|leaflet-minimap@3.6.1/src/Control.MiniMap.js"
  "$CJ/leaflet-minimap/3.6.1/Control.MiniMap.css|leaflet-minimap@3.6.1/src/Control.MiniMap.css"
  # MeasureControl
  "$JD/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js|leaflet-measure@2.1.7/dist/leaflet-measure.min.js"
  "$JD/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css|leaflet-measure@2.1.7/dist/leaflet-measure.css"
  # GroupedLayerControl
  "$CJ/leaflet-groupedlayercontrol/0.6.1/leaflet.groupedlayercontrol.min.js|leaflet-groupedlayercontrol@0.6.1/dist/leaflet.groupedlayercontrol.min.js"
  "$CJ/leaflet-groupedlayercontrol/0.6.1/leaflet.groupedlayercontrol.min.css|leaflet-groupedlayercontrol@0.6.1/dist/leaflet.groupedlayercontrol.min.css"
  # Search
  "$JD/npm/leaflet-search@2.9.7/dist/leaflet-search.min.js|leaflet-search@2.9.7/dist/leaflet-search.min.js"
  "$JD/npm/leaflet-search@2.9.7/dist/leaflet-search.min.css|leaflet-search@2.9.7/dist/leaflet-search.min.css"
  # Draw
  "$CJ/leaflet.draw/1.0.2/leaflet.draw.js|leaflet-draw@1.0.2/dist/leaflet.draw.js"
  "$CJ/leaflet.draw/1.0.2/leaflet.draw.css|leaflet-draw@1.0.2/dist/leaflet.draw.css"
  # FeatureGroupSubGroup
  "https://unpkg.com/leaflet.featuregroup.subgroup@1.0.2/dist/leaflet.featuregroup.subgroup.js|leaflet.featuregroup.subgroup@1.0.2/dist/leaflet.featuregroup.subgroup.js"
)

{
  echo "{"
  for entry in "${MAP[@]}"; do
    url="${entry%%|*}"; local_path="${entry#*|}"
    [[ -f "$DEST/$local_path" ]] || { echo "ERROR: MANIFEST target missing: $local_path" >&2; exit 1; }
    printf '  "%s": "%s/%s",\n' "$url" "$URL_PREFIX" "$local_path"
  done
  printf '  "leaflet_images": "%s/leaflet@1.9.3/dist/images/"\n' "$URL_PREFIX"
  echo "}"
} > "$DEST/MANIFEST.json.tmp"
"$PY" -m json.tool "$DEST/MANIFEST.json.tmp" > /dev/null
mv "$DEST/MANIFEST.json.tmp" "$DEST/MANIFEST.json"

echo "MANIFEST.json: ${#MAP[@]} URLs"
echo "static/vendor total: $(du -sh "$DEST" | cut -f1)"
