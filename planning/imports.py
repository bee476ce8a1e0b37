"""Read the GIS files planners hold, safely, into a GeoDataFrame in EPSG:4326.

:func:`read_upload` takes the name and the bytes of an upload and returns an
:class:`ImportResult`: the features in WGS84 (``gdf``), a report of every
problem and warning (each naming the file, feature, field or value), what was
detected (format, CRS, encoding, columns, layers) and the questions to ask
the user before the import can be applied (``needs``: which CRS when none is
declared, which layer, which columns hold the coordinates, consent to repair
invalid geometry).

Formats: GeoJSON, zipped Shapefile (the ``.cpg`` is read; without one the
attribute text is detected as UTF-8 or GB18030/GBK, so Chinese text is never
mojibake), GeoPackage (choose the layer), KML/KMZ (parsed here: GDAL's LIBKML
driver loses Chinese ``ExtendedData`` field names), CSV and Excel (``.xlsx``)
with longitude/latitude or projected X/Y columns.

Coordinates: the declared CRS (``.prj``, GeoPackage SRS, GeoJSON ``crs``) is
used; EPSG:4326, 4490, 4527 (CGCS2000 3° Gauss-Kruger zone 39, eastings with
the zone prefix 39…), 4548 (the same without the prefix), 3857 and 32650 are
recognised, a 4527/4548 declaration that does not match the eastings is
corrected with a warning, and an undeclared CRS is guessed from the
coordinate ranges and asked. Longitude/latitude copied from Gaode/Tencent
(GCJ-02) or Baidu (BD-09) are converted exactly with :mod:`planning.coords`.

Safety: nothing is written anywhere. Archives are inspected before anything
is decompressed (absolute names, ``..``, drive letters, links, entry count,
total uncompressed size and per-entry compression ratio are refused), XML with
a DOCTYPE or entity declaration is refused, GDAL only ever sees bytes whose
format was checked here (a Shapefile is re-packed in memory from its
``.shp/.shx/.dbf/.prj/.cpg`` parts only) and reads them from its in-memory
file system. Any failure gives a message and no features: an import is all or
nothing.
"""

from __future__ import annotations

from planning.messages import Messages
import contextlib
import csv
import hashlib
import io
import json
import math
import re
import struct
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import replace as evolve
from pathlib import PurePosixPath
from typing import Any
from xml.parsers import expat

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import GEOSException
from shapely.geometry import LinearRing, LineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

from planning.analysis import PROJECTED, WGS84
from planning.coords import bd09_to_wgs84, gcj02_to_wgs84

MB = 1024 * 1024
#: Huaiyin district's bounding box (lon_min, lat_min, lon_max, lat_max), for the "far away" check.
DISTRICT_BOUNDS = (116.795, 36.616, 116.983, 36.746)
#: Features farther than this from the district's box are reported (a wrong CRS or datum, usually).
FAR_KM = 20.0

#: The CRSs the importer recognises by name, with a short description for the questions.
KNOWN_CRS = Messages("crs")
GEOGRAPHIC_CRS = ("EPSG:4326", "EPSG:4490")
#: Datums of web-map coordinates: WGS84 (none), Gaode/Tencent GCJ-02, Baidu BD-09.
DATUMS = Messages("datums")
FORMATS = ("geojson", "shapefile", "gpkg", "kml", "kmz", "csv", "excel")
ACCEPTED_SUFFIXES = (".geojson", ".json", ".zip", ".gpkg", ".kml", ".kmz", ".csv", ".txt", ".xlsx")

_SHAPE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
_GDAL_ENCODING = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "BIG5", "latin-1": "ISO-8859-1", "cp1252": "CP1252"}
_CPG_CODECS = {
    "utf-8": "utf-8", "utf8": "utf-8", "65001": "utf-8", "cp65001": "utf-8",
    "gbk": "gb18030", "cp936": "gb18030", "936": "gb18030", "ansi936": "gb18030", "gb2312": "gb18030",
    "gb18030": "gb18030", "54936": "gb18030", "big5": "big5", "950": "big5", "cp950": "big5",
    "iso-8859-1": "latin-1", "iso88591": "latin-1", "88591": "latin-1", "latin1": "latin-1",
    "1252": "cp1252", "cp1252": "cp1252", "ansi1252": "cp1252",
}
_ENCODING_CHOICES = ("utf-8", "gb18030", "big5", "latin-1")

LON_NAMES = ("经度", "lon", "lng", "long", "longitude", "x", "x坐标", "坐标x", "东经", "point_x", "横坐标", "easting", "东坐标")
LAT_NAMES = ("纬度", "lat", "latitude", "y", "y坐标", "坐标y", "北纬", "point_y", "纵坐标", "northing", "北坐标")


# --- public records --------------------------------------------------------------------


@dataclass(frozen=True)
class ImportLimits:
    """Refusal thresholds for untrusted uploads."""

    max_bytes: int = 50 * MB
    max_uncompressed: int = 200 * MB
    max_ratio: float = 100.0
    ratio_floor: int = MB  # entries smaller than this may compress better than max_ratio
    max_entries: int = 1000
    max_features: int = 100_000
    max_vertices: int = 5_000_000


#: Limits of the 空间分析 page's shape check (one outline to test against the red lines, not a data import).
SHAPE_CHECK_LIMITS = ImportLimits(max_bytes=5 * 1024 * 1024, max_uncompressed=20 * 1024 * 1024, max_features=5_000,
                                  max_vertices=200_000)


def limits_for(max_mb: int) -> ImportLimits:
    """Limits for a configured upload size (``Settings.import_max_mb``): archives may expand to 4 times it."""
    return ImportLimits(max_bytes=max_mb * MB, max_uncompressed=4 * max_mb * MB)


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose; ``None`` means "detect"."""

    crs: str | None = None
    datum: str | None = None  # None: not said (WGS84 unless the CRS is asked)
    layer: str | None = None
    lon: str | None = None
    lat: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    repair: bool = False
    limits: ImportLimits = field(default_factory=ImportLimits)
    district_bounds: tuple[float, float, float, float] = DISTRICT_BOUNDS


@dataclass(frozen=True)
class Message:
    """One line of the validation report."""

    level: str  # "error" | "warning" | "info"
    code: str
    text: str
    feature: int | None = None

    def __str__(self) -> str:
        return f"{self.level.upper()}: {self.text}"


@dataclass(frozen=True)
class Question:
    """Something the user must answer before the import can be applied."""

    key: str  # "crs" | "layer" | "lonlat" | "repair" | "encoding" | "sheet"
    text: str
    choices: tuple[str, ...] = ()
    suggested: str | None = None


@dataclass
class Detected:
    """What the reader found or assumed."""

    format: str | None = None
    crs: str | None = None
    crs_source: str | None = None  # "declared" | "option" | "guessed"
    declared_crs: str | None = None
    datum: str = "wgs84"
    encoding: str | None = None
    encoding_source: str | None = None
    layers: list[str] = field(default_factory=list)
    layer: str | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    columns: list[str] = field(default_factory=list)
    lon: str | None = None
    lat: str | None = None
    invalid: list[int] = field(default_factory=list)
    repaired: list[int] = field(default_factory=list)
    feature_count: int = 0


@dataclass
class ImportResult:
    """Features in EPSG:4326 (``None`` when the file was refused), report, detections, questions."""

    name: str
    size: int
    sha256: str
    gdf: gpd.GeoDataFrame | None = None
    report: list[Message] = field(default_factory=list)
    detected: Detected = field(default_factory=Detected)
    needs: list[Question] = field(default_factory=list)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.report if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.report if m.level == "warning"]

    @property
    def ready(self) -> bool:
        """True when the features can be applied: no error, no open question, at least one feature."""
        return not self.errors and not self.needs and self.gdf is not None and not self.gdf.empty

    def summary(self) -> str:
        """One line for the user: what was read or why it was refused."""
        if self.gdf is None or self.errors:
            first = self.errors[0].text if self.errors else "nothing could be read"
            return f"{self.name}: not imported ({len(self.errors)} error(s)); {first}"
        d = self.detected
        return (
            f"{self.name}: {len(self.gdf)} feature(s) read as {d.format}, CRS {d.crs} ({d.crs_source}), "
            f"datum {d.datum}, text {d.encoding or 'n/a'}; {len(self.warnings)} warning(s), "
            f"{len(self.needs)} question(s) open"
        )


class ImportRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The upload cannot be imported; carries the message for the report."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.message = Message("error", code, text)


@dataclass
class _Raw:
    """A table read from the file, before CRS handling."""

    gdf: gpd.GeoDataFrame
    declared: CRS | None = None
    lonlat_from_columns: bool = False


# --- entry point -----------------------------------------------------------------------


def read_upload(name: str, data: bytes, *, options: ImportOptions | None = None) -> ImportResult:
    """Read one uploaded file into WGS84 features, with a report and open questions.

    Parameters
    ----------
    name
        The file name as uploaded (only its last part is used, for the format and messages).
    data
        The file's bytes; nothing is written to disk.
    options
        The user's choices (CRS, datum, layer, columns, encoding, consent to repair).

    Returns
    -------
    ImportResult
        Never raises for bad input: every failure is a message in ``report`` and ``gdf`` is ``None``.
    """
    options = options or ImportOptions()
    if datum_of_crs(options.crs):  # "--crs GCJ-02" means what the CRS question's GCJ-02 answer means
        if options.datum not in (None, datum_of_crs(options.crs)):
            options = evolve(options, crs="EPSG:4326")  # an explicit datum wins; the report names it
        else:
            options = with_answers(options)
    shown = display_name(name)
    result = ImportResult(name=shown, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    try:
        _read_into(result, shown, data, options)
    except ImportRefused as exc:
        _refuse(result, exc.message)
    except (MemoryError, RecursionError) as exc:
        _refuse(result, Message("error", "too_complex", f"{shown}: the file is too large or too deeply nested to read ({type(exc).__name__})"))
    except Exception as exc:  # noqa: BLE001 - untrusted input: any parser failure becomes a message, never a crash
        detail = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        _refuse(result, Message("error", "unreadable", f"{shown}: cannot be read as {result.detected.format or 'a known format'} ({detail})"))
    return result


def estimated_vertices(name: str, data: bytes) -> int | None:
    """A cheap lower estimate of the vertices of a GeoJSON or KML file from its bytes (``None`` for other formats).

    GeoJSON: every position opens a ``[`` (rings and features add a few more, a 5% allowance covers them); KML:
    a tuple holds one or two commas. Counted without parsing, so an oversized outline is refused before the
    importer spends time and memory on it; the exact count after reading catches the rest.
    """
    suffix = PurePosixPath(display_name(name).lower()).suffix
    if suffix in (".geojson", ".json"):
        return int(data.count(b"[") / 1.05)
    if suffix == ".kml":
        return data.count(b",") // 2
    return None


def precheck(name: str, data: bytes, limits: ImportLimits) -> None:
    """Refuse, before any parsing, a file over the size limit or (GeoJSON, KML) clearly over the vertex limit."""
    if len(data) > limits.max_bytes:
        raise ImportRefused(
            "too_large", f"{name}: {len(data) / MB:.1f} MB is over the import limit of {limits.max_bytes / MB:.0f} MB"
        )
    estimate = estimated_vertices(name, data)
    if estimate is not None and estimate > limits.max_vertices + 100:
        raise ImportRefused("too_many_vertices", f"{name}: about {estimate:,} vertices is over the limit "
                            f"of {limits.max_vertices:,}; simplify the shape first")


def _refuse(result: ImportResult, message: Message) -> None:
    result.gdf = None
    result.report.append(message)


def display_name(name: str) -> str:
    """The last part of an uploaded name, without control characters, at most 120 characters."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "upload")[:120]


def _read_into(result: ImportResult, name: str, data: bytes, options: ImportOptions) -> None:
    limits = options.limits
    if not data:
        raise ImportRefused("empty", f"{name}: the file is empty")
    precheck(name, data, limits)
    raw = _read_format(name, data, options, result)
    gdf = raw.gdf
    if len(gdf) > limits.max_features:
        raise ImportRefused("too_many", f"{name}: {len(gdf)} features is over the limit of {limits.max_features}")
    vertices = int(shapely.get_num_coordinates(np.asarray(gdf.geometry.values)).sum())
    if vertices > limits.max_vertices:
        raise ImportRefused("too_many_vertices", f"{name}: {vertices:,} vertices is over the limit of {limits.max_vertices:,}")
    if gdf.empty:
        raise ImportRefused("no_features", f"{name}: the file holds no features")
    gdf = _clean_columns(gdf)
    result.detected.columns = [c for c in gdf.columns if c != "geometry"]
    _check_missing_geometry(gdf, name)
    gdf = _to_wgs84(gdf, raw, name, options, result)
    gdf = _check_geometries(gdf, name, options, result)
    _check_location(gdf, name, options, result)
    result.detected.feature_count = len(gdf)
    result.gdf = gdf.reset_index(drop=True)  # kept for the preview even with errors; ``ready`` gates applying


# --- format dispatch -------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _suffix(name: str) -> str:
    return PurePosixPath(name.lower()).suffix


def _read_format(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    suffix = _suffix(name)
    if suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        raise ImportRefused(
            "shapefile_parts", f"{name}: a Shapefile is several files; upload them together as one .zip (.shp, .shx, .dbf, and .prj, .cpg when present)"
        )
    if suffix == ".xls":
        raise ImportRefused("old_excel", f"{name}: old .xls workbooks are not read; save the sheet as .xlsx (Excel 2007 or later) or .csv")
    kind = {
        ".zip": "zip", ".kmz": "kmz", ".kml": "kml", ".gpkg": "gpkg", ".geojson": "geojson", ".json": "geojson",
        ".csv": "csv", ".txt": "csv", ".xlsx": "excel", ".xlsm": "excel",
    }.get(suffix) or _sniff(data)
    if kind is None:
        accepted = ", ".join(ACCEPTED_SUFFIXES)
        raise ImportRefused("unknown_format", f"{name}: unknown file type {suffix or '(no extension)'}; accepted: {accepted}")
    return _read_kind(kind, name, data, options, result)


def _sniff(data: bytes) -> str | None:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        return "zip"
    if data.startswith(_SQLITE_MAGIC):
        return "gpkg"
    if head.startswith((b"{", b"[")):
        return "geojson"
    if head.startswith(b"<") and b"<kml" in data[:4096].lower():
        return "kml"
    return None


def _read_kind(kind: str, name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    if kind in ("zip", "kmz", "excel"):
        entries = safe_zip_entries(name, data, options.limits, read=kind != "excel")
        if kind == "excel":
            result.detected.format = "excel"
            return _read_excel(name, data, options, result)
        if kind == "kmz":
            return _read_kmz(name, entries, result)
        return _read_zip(name, entries, options, result)
    readers = {"kml": _read_kml_bytes, "gpkg": _read_gpkg, "geojson": _read_geojson, "csv": _read_csv}
    result.detected.format = kind
    return readers[kind](name, data, options, result)


def _read_kml_bytes(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:  # noqa: ARG001
    return _read_kml(name, data)


def _read_zip(name: str, entries: dict[str, bytes], options: ImportOptions, result: ImportResult) -> _Raw:
    shapes = sorted(e for e in entries if _suffix(e) == ".shp")
    if shapes:
        result.detected.format = "shapefile"
        return _read_shapefile(name, entries, shapes, options, result)
    inner = [e for e in entries if _suffix(e) in (".geojson", ".json", ".gpkg", ".kml", ".csv", ".xlsx")]
    if len(inner) != 1:
        found = ", ".join(sorted(entries)[:8]) or "nothing"
        raise ImportRefused(
            "zip_content",
            f"{name}: the archive holds no Shapefile (.shp) and not exactly one GeoJSON/GeoPackage/KML/CSV/XLSX file (found: {found})",
        )
    inner_name = inner[0]
    if _suffix(inner_name) == ".xlsx":
        raise ImportRefused("zip_content", f"{name}: upload the workbook {inner_name} itself, not zipped")
    kind = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".kml": "kml", ".csv": "csv"}[_suffix(inner_name)]
    result.report.append(Message("info", "zip_inner", f"{name}: read {inner_name} from the archive"))
    return _read_kind(kind, f"{name}/{inner_name}", entries[inner_name], options, result)


# --- archives --------------------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:")


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name, decoded as GB18030 when the archive did not flag UTF-8 (Chinese Windows zips)."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for codec in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec)
    return name


def _unsafe_reason(info: zipfile.ZipInfo, name: str) -> str | None:
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "an absolute path"
    if ".." in parts:
        return "a '..' path component"
    if "\x00" in name or any(not ch.isprintable() for ch in name):
        return "control characters in its name"
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        return "a symbolic link"
    if info.flag_bits & 0x1:
        return "encryption (password-protected archives are not read)"
    return None


def safe_zip_entries(name: str, data: bytes, limits: ImportLimits, *, read: bool = True) -> dict[str, bytes]:
    """Check an archive before decompressing anything; return its files' bytes (``{}`` when ``read`` is False).

    Refused: a damaged archive, more than ``max_entries`` entries, any entry
    whose name is absolute, has a drive letter or a ``..`` component, a link
    or an encrypted entry, a total uncompressed size over
    ``max_uncompressed``, an entry over ``ratio_floor`` compressed more than
    ``max_ratio`` times (a zip bomb). Entries are read with their declared
    size as a hard cap.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, OSError) as exc:
        raise ImportRefused("bad_zip", f"{name}: not a readable zip archive ({exc})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise ImportRefused("zip_entries", f"{name}: {len(infos)} entries in the archive is over the limit of {limits.max_entries}")
        _check_zip_infos(name, infos, limits)
        if not read:
            return {}
        return {
            _entry_name(info): _read_entry(name, archive, info)
            for info in infos
            if not info.filename.endswith("/") and not _entry_name(info).startswith("__MACOSX/")  # not a folder entry
        }


def _check_zip_infos(name: str, infos: list[zipfile.ZipInfo], limits: ImportLimits) -> None:
    total = 0
    for info in infos:
        entry = _entry_name(info)
        reason = _unsafe_reason(info, entry)
        if reason:
            raise ImportRefused("zip_unsafe", f"{name}: entry {entry!r} is refused: it has {reason}")
        total += info.file_size
        if total > limits.max_uncompressed:
            raise ImportRefused(
                "zip_bomb", f"{name}: the archive would expand to more than {limits.max_uncompressed / MB:.0f} MB; refused"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise ImportRefused(
                "zip_bomb",
                f"{name}: entry {entry!r} is compressed {ratio:,.0f} times (limit {limits.max_ratio:,.0f}); refused as a possible zip bomb",
            )


def _read_entry(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        # zipfile stops at the declared size (already checked against the limits) and checks the CRC
        data = archive.read(info)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise ImportRefused("bad_zip", f"{name}: entry {_entry_name(info)!r} cannot be decompressed ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - zlib.error and friends from damaged archives
        raise ImportRefused("bad_zip", f"{name}: entry {_entry_name(info)!r} is damaged ({type(exc).__name__}: {exc})") from exc
    if len(data) > info.file_size:
        raise ImportRefused("zip_bomb", f"{name}: entry {_entry_name(info)!r} expands beyond its declared size; refused")
    return data


# --- text ------------------------------------------------------------------------------


def codec_name(encoding: str | None) -> str | None:
    """A Python codec for a .cpg or user-chosen encoding name (``GBK``, ``936``, ``UTF-8`` …)."""
    if not encoding:
        return None
    key = re.sub(r"[\s_]", "", encoding.strip().lower())
    return _CPG_CODECS.get(key)


#: Frequent characters of Chinese planning and place names (the 500 most frequent of the plan text, plus
#: place-name characters): text decoded with the right codec is mostly made of them, mis-decoded text is not.
_COMMON_HANZI = frozenset(
    "业化建发区展新设全的大力产和进加体推中务实国高强人一城创制济会生等动造市能医地提服合企社工重学机保理资科平用目心育打成质态文施持优商升作经现项开南引治为基民水村度点年以共政融公技家健才面流管域行品完集"
    "快系际山养改智善槐入部河规总荫代三园源教构坚领量路导级农性落东标主聚有深法二省信要色五效培物期乡与极场康金划到积局环范网活应研护安增游通立联特程黄旅术个对战上更精综分方道交境兴统好支十形外西链监台准绿"
    "式挥定障元老各批略营小疗四景步势长专模多格防位整端院广带第示出利革调招数向美在达计功办放内不校时党及亿风转居类投层清明依费供事础策预消促型托协关织组配充本同续指央名府次布先争权群运控备任间意电慧卫接北"
    "就线围知据军突益车沿解片齐显险互素做收断牌圈载口承急户稳药究污传励严贯确是委速房站观馆息门求鲁低享值住验双助扩络街之章得自德花探索核套空覆盖土湖鼓员于处下九取焦京客宜责评单染果参幼师补史着节抓均庄儿救"
    "众两富拓督结板泉来职过识界床镇题可湿置远历了最振我头所具率决种约绕细执队样碳相旧购微块筑筹干号神前里贸响然铁破感伍孵查认习思把举都换跨固撑复遇华室半扶团身影字玉需审彻义记段切日起丽惠百病天宽万训变减吸"
    "屯寨店桥岭峪沟县楼栋厂"
)


def _chinese_score(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are frequent Chinese characters (0 when none)."""
    wide = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    return sum(ch in _COMMON_HANZI for ch in wide) / len(wide) if wide else 0.0


def better_reading(sample: bytes, declared: str) -> str | None:
    """A codec that reads ``sample`` as Chinese clearly better than ``declared`` does (``None`` if none does).

    A ``.cpg`` saying LATIN1 or big5 over GBK text decodes without an error but gives 槐荫 as "»±Òñ" or rare
    traditional characters; the frequent-character share tells the readings apart.
    """
    if sample.isascii():
        return None
    scores = {}
    for codec in dict.fromkeys((declared, "utf-8", "gb18030", "big5")):
        try:
            scores[codec] = _chinese_score(sample.decode(codec))
        except UnicodeDecodeError:
            continue
    best = max(scores, key=scores.get) if scores else declared
    return best if best != declared and scores[best] >= 0.3 and scores[best] > scores.get(declared, 0.0) + 0.25 else None


def detect_encoding(sample: bytes) -> str | None:
    """``utf-8`` when ``sample`` is valid UTF-8 (or ASCII), else ``gb18030`` when valid GB18030/GBK, else ``None``."""
    for codec in ("utf-8", "gb18030"):
        try:
            sample.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


def _decode_text(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> str:
    """Decode a text file: the chosen encoding, else UTF-8 (with or without BOM), else GB18030."""
    chosen = codec_name(options.encoding) if options.encoding else None
    if options.encoding and chosen is None:
        raise ImportRefused("bad_encoding", f"{name}: unknown encoding {options.encoding!r}; choose one of {', '.join(_ENCODING_CHOICES)}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec, source = "utf-16", "byte-order mark"
    elif chosen:
        codec, source = chosen, "chosen"
    else:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        codec, source = detect_encoding(body), "detected"
    if codec is None:
        result.needs.append(Question("encoding", f"{name}: the text is neither UTF-8 nor GB18030/GBK; choose its encoding", _ENCODING_CHOICES))
        raise ImportRefused("bad_encoding", f"{name}: the text is neither UTF-8 nor GB18030/GBK; choose its encoding")
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        raise ImportRefused("bad_encoding", f"{name}: byte {exc.start} is not valid {codec}; choose another encoding") from exc
    result.detected.encoding, result.detected.encoding_source = codec, source
    if codec == "gb18030" and source == "detected":
        result.report.append(Message("info", "encoding", f"{name}: the text is not UTF-8; read as GB18030 (GBK)"))
    return text


# --- GeoJSON ---------------------------------------------------------------------------


def _refuse_constant(value: str) -> Any:
    raise ValueError(value)


def _read_geojson(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    text = _decode_text(name, data, options, result)
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportRefused("bad_json", f"{name}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise ImportRefused("bad_json", f"{name}: the JSON is nested too deep to be GeoJSON") from exc
    except ValueError as exc:  # NaN / Infinity: not JSON, and not a coordinate
        raise ImportRefused("bad_coordinates", f"{name}: the file contains {exc}, which is not a number; "
                            "every coordinate and value must be a finite number") from exc
    features = _geojson_features(name, doc)
    if len(features) > options.limits.max_features:
        raise ImportRefused("too_many", f"{name}: {len(features)} features is over the limit of {options.limits.max_features}")
    props, geoms = [], []
    for index, feature in enumerate(features):
        p, g = _geojson_feature(name, index, feature)
        props.append(p)
        geoms.append(g)
    declared = _geojson_crs(name, doc) if isinstance(doc, dict) else None
    return _Raw(_frame(name, props, geoms), declared)


MAX_COLUMNS = 500


def _frame(name: str, rows: list[dict[str, Any]], geoms: list[BaseGeometry | None]) -> gpd.GeoDataFrame:
    """Rows of properties and their geometries as a GeoDataFrame (at most ``MAX_COLUMNS`` property names)."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(str(k) for k in row))
        if len(keys) > MAX_COLUMNS:
            raise ImportRefused("too_many_fields", f"{name}: more than {MAX_COLUMNS} different property names; refused")
    frame = pd.DataFrame([{str(k): v for k, v in row.items()} for row in rows], columns=list(keys))
    frame = frame.rename(columns={"geometry": "geometry_"})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, index=frame.index))


def _geojson_features(name: str, doc: Any) -> list[Any]:
    if not isinstance(doc, dict):
        raise ImportRefused("bad_geojson", f"{name}: a GeoJSON file must hold an object, not a {type(doc).__name__}")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise ImportRefused("bad_geojson", f"{name}: 'features' must be a list; got {type(features).__name__}")
        return features
    if kind == "Feature":
        return [doc]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"):
        return [{"type": "Feature", "properties": {}, "geometry": doc}]
    raise ImportRefused("bad_geojson", f"{name}: type {str(kind)[:40]!r} is not a GeoJSON FeatureCollection, Feature or geometry")


def _geojson_feature(name: str, index: int, feature: Any) -> tuple[dict[str, Any], BaseGeometry | None]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ImportRefused("bad_geojson", f"{name} feature {index}: not a GeoJSON Feature object")
    props = feature.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, dict):
        raise ImportRefused("bad_geojson", f"{name} feature {index}: 'properties' must be an object; got {type(props).__name__}")
    geometry = feature.get("geometry")
    if geometry is None:
        return props, None
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, GEOSException) as exc:
        raise ImportRefused("bad_geometry", f"{name} feature {index}: geometry cannot be read ({str(exc)[:200] or type(exc).__name__})") from exc
    return props, geom


def _geojson_crs(name: str, doc: dict[str, Any]) -> CRS | None:
    crs = doc.get("crs")
    if crs is None:  # RFC 7946: GeoJSON is WGS84 longitude/latitude (a projected file is caught by the range check)
        return CRS.from_user_input(WGS84)
    value = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) and isinstance(crs.get("properties"), dict) else None
    if not isinstance(value, str):
        raise ImportRefused("bad_crs", f"{name}: the 'crs' member is not a named CRS ({str(crs)[:80]})")
    return _crs_from_user(name, re.sub(r"^urn:ogc:def:crs:OGC:1\.3:CRS84$", "EPSG:4326", value))


def _crs_from_user(name: str, value: str) -> CRS:
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise ImportRefused("bad_crs", f"{name}: CRS {value[:80]!r} is not understood ({str(exc)[:120]})") from exc


# --- Shapefile -------------------------------------------------------------------------


def _read_shapefile(name: str, entries: dict[str, bytes], shapes: list[str], options: ImportOptions, result: ImportResult) -> _Raw:
    stems = [s[:-4] for s in shapes]
    labels = [PurePosixPath(s).name for s in stems]
    result.detected.layers = labels
    stem = _choose_layer(name, stems, labels, options, result)
    parts = {ext: data for e, data in entries.items() if e[:-4] == stem and (ext := _suffix(e)) in _SHAPE_PARTS}
    missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
    if missing:
        raise ImportRefused("shapefile_parts", f"{name}: {PurePosixPath(stem).name}.shp comes without {' and '.join(missing)}; zip every part of the Shapefile")
    if ".prj" not in parts:
        result.report.append(Message("warning", "no_prj", f"{name}: {PurePosixPath(stem).name} has no .prj; the CRS is guessed from the coordinates"))
    check_dbf_size(f"{name}: {PurePosixPath(stem).name}.dbf", parts[".dbf"])
    codec = _shapefile_encoding(name, parts, options, result)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as clean:
        for ext, data in parts.items():
            if ext != ".cpg":
                clean.writestr(f"layer{ext}", data)
    gdf = gdal_read(name, packed.getvalue(), encoding=_GDAL_ENCODING.get(codec, codec.upper()), limits=options.limits)
    return _Raw(gdf, gdf.crs)


def _choose_layer(name: str, values: list[str], labels: list[str], options: ImportOptions, result: ImportResult) -> str:
    if options.layer is not None:
        if options.layer not in labels and options.layer not in values:
            raise ImportRefused("bad_layer", f"{name}: there is no layer {options.layer!r}; layers: {', '.join(labels)}")
        chosen = values[labels.index(options.layer)] if options.layer in labels else options.layer
    else:
        chosen = values[0]
        if len(values) > 1:
            result.needs.append(Question("layer", f"{name} holds {len(values)} layers; choose one (showing {labels[0]!r})", tuple(labels), labels[0]))
    result.detected.layer = labels[values.index(chosen)]
    return chosen


def check_dbf_size(label: str, dbf: bytes) -> None:
    """Refuse a .dbf shorter than its header says: GDAL would read the features without their attributes."""
    if len(dbf) < 32:
        raise ImportRefused("bad_dbf", f"{label} is {len(dbf)} bytes, shorter than its 32-byte header: the file is "
                            "truncated; zip the complete .dbf again")
    count, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    expected = header_len + count * record_len
    if header_len < 33 or len(dbf) < expected:
        raise ImportRefused("bad_dbf", f"{label} is truncated: its header announces {count} record(s) of {record_len} "
                            f"bytes ({expected} bytes in all) but the file has {len(dbf)}; zip the complete .dbf again")


def dbf_text_sample(dbf: bytes) -> bytes:
    """The bytes of a .dbf's field names and character fields (what its encoding applies to)."""
    if len(dbf) < 32:
        raise ImportRefused("bad_dbf", "the .dbf is shorter than its 32-byte header")
    count, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    names, fields, offset = [], [], 1
    for start in range(32, min(header_len, len(dbf)) - 31, 32):
        desc = dbf[start : start + 32]
        if desc[0] == 0x0D:
            break
        names.append(desc[:11].split(b"\x00")[0])
        if desc[11:12] in (b"C", b"M"):
            fields.append((offset, desc[16]))
        offset += desc[16]
    records = dbf[header_len : header_len + count * record_len] if record_len else b""
    chunks = [b" ".join(names)]
    for rec in range(0, len(records) - record_len + 1, max(record_len, 1)):
        chunks.extend(records[rec + o : rec + o + n] for o, n in fields)
    return b" ".join(chunks)


def _shapefile_encoding(name: str, parts: dict[str, bytes], options: ImportOptions, result: ImportResult) -> str:
    sample = dbf_text_sample(parts[".dbf"])
    if options.encoding:
        codec = codec_name(options.encoding)
        if codec is None:
            raise ImportRefused("bad_encoding", f"{name}: unknown encoding {options.encoding!r}; choose one of {', '.join(_ENCODING_CHOICES)}")
        result.detected.encoding, result.detected.encoding_source = codec, "chosen"
        return codec
    cpg = parts.get(".cpg", b"").decode("ascii", "replace").strip()
    declared = codec_name(cpg) if cpg else None
    if declared:
        try:
            sample.decode(declared)
        except UnicodeDecodeError:
            detected = detect_encoding(sample)
            if detected:
                result.report.append(Message("warning", "cpg_wrong", f"{name}: the .cpg says {cpg!r} but the text is not valid {declared}; read as {detected}"))
                result.detected.encoding, result.detected.encoding_source = detected, "detected"
                return detected
        better = better_reading(sample, declared)
        if better:  # the .cpg decodes without an error but gives garbled names: ask, reading the likely one meanwhile
            shown = sample.decode(declared, "replace")[:24].strip()
            result.report.append(Message("warning", "cpg_mismatch", f"{name}: the .cpg says {cpg!r}, but the text reads as "
                                         f"Chinese in {better.upper()} ({shown!r} in {declared}); read as {better.upper()}"))
            result.needs.append(Question("encoding", f"{name}: the .cpg says {cpg!r} but the text looks like {better.upper()}; "
                                         "confirm the encoding", _ENCODING_CHOICES, better))
            result.detected.encoding, result.detected.encoding_source = better, "detected"
            return better
        result.detected.encoding, result.detected.encoding_source = declared, ".cpg"
        return declared
    if cpg:
        result.report.append(Message("warning", "cpg_unknown", f"{name}: the .cpg names an unknown encoding {cpg[:40]!r}; detecting it from the text"))
    detected = detect_encoding(sample)
    if detected is None:
        result.needs.append(Question("encoding", f"{name}: the attribute text is neither UTF-8 nor GB18030/GBK; choose its encoding", _ENCODING_CHOICES))
        raise ImportRefused("bad_encoding", f"{name}: the attribute text is neither UTF-8 nor GB18030/GBK; choose its encoding")
    result.detected.encoding, result.detected.encoding_source = detected, "detected"
    if not sample.isascii():
        result.report.append(Message("info", "encoding", f"{name}: no .cpg; the attribute text was detected as {detected.upper()}"))
    return detected


# --- GDAL (GeoPackage, Shapefile) -------------------------------------------------------

_GDAL_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.CRSError,
    pyogrio.errors.FeatureError,
)


def gdal_read(name: str, data: bytes, *, layer: str | None = None, encoding: str | None = None, limits: ImportLimits) -> gpd.GeoDataFrame:
    """Read ``data`` with GDAL from its in-memory file system (never from disk)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return pyogrio.read_dataframe(
                data, layer=layer, encoding=encoding, force_2d=True, on_invalid="ignore", max_features=limits.max_features + 1
            )
    except _GDAL_ERRORS as exc:
        raise ImportRefused("unreadable", f"{name}: GDAL cannot read it ({str(exc).splitlines()[0][:200]})") from exc


def _gdal_layers(name: str, data: bytes) -> list[str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            layers = pyogrio.list_layers(data)
    except _GDAL_ERRORS as exc:
        raise ImportRefused("unreadable", f"{name}: GDAL cannot open it ({str(exc).splitlines()[0][:200]})") from exc
    return [str(row[0]) for row in layers if row[1] is not None]


def _read_gpkg(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    if not data.startswith(_SQLITE_MAGIC):
        raise ImportRefused("bad_gpkg", f"{name}: not a GeoPackage (it does not start with the SQLite header)")
    if data[68:72] not in (b"GPKG", b"GP10", b"GP11"):
        raise ImportRefused("bad_gpkg", f"{name}: an SQLite database but not a GeoPackage (application id {data[68:72]!r})")
    layers = _gdal_layers(name, data)
    if not layers:
        raise ImportRefused("no_features", f"{name}: the GeoPackage has no layer with geometry")
    result.detected.layers = layers
    layer = _choose_layer(name, layers, layers, options, result)
    gdf = gdal_read(name, data, layer=layer, limits=options.limits)
    result.detected.encoding, result.detected.encoding_source = "utf-8", "GeoPackage"
    return _Raw(gdf, gdf.crs)


# --- KML / KMZ -------------------------------------------------------------------------


class _XmlRefused(Exception):  # noqa: N818 - internal control-flow signal, not an error for users
    """A DOCTYPE or entity declaration in uploaded XML."""


def parse_xml(data: bytes) -> tuple[str, dict[str, str], list[Any]]:
    """Parse XML safely into nested ``(tag, attributes, children-or-text)`` tuples.

    Tags lose their namespace. A DOCTYPE, an entity declaration or an
    external entity reference raises :class:`_XmlRefused` (no entity is ever
    expanded, nothing is fetched).
    """
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[tuple[str, dict[str, str], list[Any]]] = [("#root", {}, [])]

    def refuse(*_args: Any) -> None:
        raise _XmlRefused

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = (tag.rsplit("}", 1)[-1], attrs, [])
        stack[-1][2].append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def text(chunk: str) -> None:
        stack[-1][2].append(chunk)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    roots = [c for c in stack[0][2] if isinstance(c, tuple)]
    if len(roots) != 1:
        raise expat.ExpatError("no root element")
    return roots[0]


def _children(node: tuple[str, dict[str, str], list[Any]], tag: str) -> list[Any]:
    return [c for c in node[2] if isinstance(c, tuple) and c[0] == tag]


def _text(node: tuple[str, dict[str, str], list[Any]] | None) -> str:
    if node is None:
        return ""
    return "".join(c if isinstance(c, str) else _text(c) for c in node[2]).strip()


def _first(node: Any, tag: str) -> Any:
    found = _children(node, tag)
    return found[0] if found else None


def _read_kmz(name: str, entries: dict[str, bytes], result: ImportResult) -> _Raw:
    result.detected.format = "kmz"
    kmls = [e for e in entries if _suffix(e) == ".kml"]
    if not kmls:
        raise ImportRefused("bad_kmz", f"{name}: the KMZ holds no .kml document")
    main = "doc.kml" if "doc.kml" in kmls else sorted(kmls)[0]
    return _read_kml(f"{name}/{main}", entries[main])


def _read_kml(name: str, data: bytes) -> _Raw:
    try:
        root = parse_xml(data)
    except _XmlRefused as exc:
        raise ImportRefused("xml_unsafe", f"{name}: XML with a DOCTYPE or entity declarations is refused") from exc
    except (expat.ExpatError, ValueError) as exc:
        raise ImportRefused("bad_xml", f"{name}: not well-formed XML ({exc})") from exc
    if root[0] != "kml":
        raise ImportRefused("bad_kml", f"{name}: the XML root is <{root[0][:40]}>, not <kml>")
    rows, geoms = [], []
    for index, (folder, placemark) in enumerate(_placemarks(root, "")):
        props, geom = _placemark(name, index, placemark)
        if folder:
            props.setdefault("folder", folder)
        rows.append(props)
        geoms.append(geom)
    return _Raw(_frame(name, rows, geoms), CRS.from_user_input(WGS84))


def _placemarks(node: Any, folder: str) -> Iterator[tuple[str, Any]]:
    for child in node[2]:
        if not isinstance(child, tuple):
            continue
        if child[0] == "Placemark":
            yield folder, child
        elif child[0] in ("Document", "Folder", "kml"):
            label = _text(_first(child, "name")) if child[0] == "Folder" else ""
            yield from _placemarks(child, "/".join(x for x in (folder, label) if x))


def _placemark(name: str, index: int, node: Any) -> tuple[dict[str, Any], BaseGeometry | None]:
    props: dict[str, Any] = {"name": _text(_first(node, "name")) or None}
    description = _text(_first(node, "description"))
    if description:
        props["description"] = description
    extended = _first(node, "ExtendedData")
    if extended is not None:
        for data in _children(extended, "Data"):
            props[data[1].get("name") or "value"] = _text(_first(data, "value"))
        for schema_data in _children(extended, "SchemaData"):
            for simple in _children(schema_data, "SimpleData"):
                props[simple[1].get("name") or "value"] = _text(simple)
    geoms = [g for c in node[2] if isinstance(c, tuple) and (g := _kml_geometry(name, index, c)) is not None]
    return props, geoms[0] if geoms else None


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def _coords(name: str, index: int, node: Any) -> list[tuple[float, float]]:
    out = []
    tokens = _text(_first(node, "coordinates")).split()
    if tokens and len(tokens) % 2 == 0 and all(_DECIMAL_COMMA.match(t) for t in tokens):
        # "116,9 36,66": a decimal comma; KML separates lon,lat with a comma and tuples with spaces
        shown = " ".join(tokens[:2])
        raise ImportRefused("decimal_comma", f"{name} placemark {index}: the coordinates {shown!r} use a decimal comma; "
                            "KML writes lon,lat[,alt] with a decimal point (116.9,36.66). Fix the export settings and "
                            "export the file again")
    for token in tokens:
        values = token.split(",")
        try:
            out.append((float(values[0]), float(values[1])))
        except (ValueError, IndexError) as exc:
            raise ImportRefused("bad_geometry", f"{name} placemark {index}: coordinate {token[:40]!r} is not lon,lat[,alt]") from exc
    return out


def _kml_geometry(name: str, index: int, node: Any) -> BaseGeometry | None:
    tag = node[0]
    try:
        if tag == "Point":
            return Point(_coords(name, index, node)[0])
        if tag == "LineString":
            return LineString(_coords(name, index, node))
        if tag == "LinearRing":
            return Polygon(LinearRing(_coords(name, index, node)))
        if tag == "Polygon":
            outer = _first(_first(node, "outerBoundaryIs") or ("", {}, []), "LinearRing")
            inner = [_first(b, "LinearRing") for b in _children(node, "innerBoundaryIs")]
            return Polygon(_coords(name, index, outer), [_coords(name, index, r) for r in inner if r is not None])
        if tag == "MultiGeometry":
            parts = [g for c in node[2] if isinstance(c, tuple) and (g := _kml_geometry(name, index, c)) is not None]
            return _collect(parts)
    except (ValueError, IndexError, TypeError, GEOSException) as exc:
        raise ImportRefused("bad_geometry", f"{name} placemark {index}: <{tag}> cannot be read ({str(exc)[:160] or type(exc).__name__})") from exc
    return None


def _collect(parts: list[BaseGeometry]) -> BaseGeometry | None:
    if not parts:
        return None
    kinds = {p.geom_type.removeprefix("Multi") for p in parts}
    flat = [g for p in parts for g in getattr(p, "geoms", [p])]
    if kinds == {"Point"}:
        return shapely.multipoints(flat)
    if kinds == {"LineString"}:
        return shapely.multilinestrings(flat)
    if kinds == {"Polygon"}:
        return shapely.multipolygons(flat)
    return shapely.geometrycollections(parts)


# --- CSV / Excel -----------------------------------------------------------------------


def _read_csv(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    text = _decode_text(name, data, options, result)
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        raise ImportRefused("bad_csv", f"{name}: not a readable table ({str(exc).splitlines()[0][:200]})") from exc
    return _table_to_points(name, frame, options, result)


def _read_excel(name: str, data: bytes, options: ImportOptions, result: ImportResult) -> _Raw:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, TypeError) as exc:
        raise ImportRefused("bad_excel", f"{name}: not a readable .xlsx workbook ({str(exc)[:200]})") from exc
    with book:
        sheets = [str(s) for s in book.sheet_names]
        result.detected.sheets = sheets
        if options.sheet is not None and options.sheet not in sheets:
            raise ImportRefused("bad_sheet", f"{name}: there is no sheet {options.sheet!r}; sheets: {', '.join(sheets)}")
        sheet = options.sheet if options.sheet is not None else sheets[0]
        if options.sheet is None and len(sheets) > 1:
            result.needs.append(Question("sheet", f"{name} has {len(sheets)} sheets; choose one (showing {sheet!r})", tuple(sheets), sheet))
        result.detected.sheet = sheet
        frame = pd.read_excel(book, sheet_name=sheet, dtype=object)
    frame = frame.map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else v)
    result.detected.encoding, result.detected.encoding_source = "utf-8", "xlsx"
    return _table_to_points(name, frame, options, result)


def _normalise_column(column: str) -> str:
    text = re.sub(r"[（(【\[].*?[）)】\]]", "", str(column)).strip().lower()
    return re.sub(r"^point", "point_", re.sub(r"[\s_:：\-]+", "", text))


def find_coordinate_columns(columns: list[str]) -> tuple[str | None, str | None]:
    """The longitude (or X) and latitude (or Y) columns, by their names."""

    def pick(names: tuple[str, ...], words: tuple[str, ...]) -> str | None:
        normal = {c: _normalise_column(c) for c in columns}
        exact = [c for c, n in normal.items() if n in names]
        if exact:
            return exact[0]
        fuzzy = [c for c, n in normal.items() if any(w in n for w in words)]
        return fuzzy[0] if fuzzy else None

    lon = pick(LON_NAMES, ("经度", "longitude", "lng"))
    lat = pick(LAT_NAMES, ("纬度", "latitude"))
    return lon, lat


_DMS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[°度d]\s*(?:(\d+(?:\.\d+)?)\s*['′分m]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|秒|s)\s*)?([NSEW东西南北]?)\s*$", re.IGNORECASE)


def parse_coordinate(value: Any) -> float | None:
    """A number from a cell: decimal (``116.89``), or degrees-minutes-seconds (``116°53′24″E``); ``None`` if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.number):
        number = float(value)
        return number if math.isfinite(number) else None
    text = re.sub(",", "", str(value).strip()) if value is not None else ""
    if not text:
        return None
    with contextlib.suppress(ValueError):
        number = float(text)
        return number if math.isfinite(number) else None
    match = _DMS.match(text)
    if not match:
        return None
    deg, minutes, seconds, hemi = match.groups()
    number = abs(float(deg)) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    negative = deg.startswith("-") or hemi.upper() in ("S", "W", "南", "西")
    return -number if negative else number


def _table_to_points(name: str, frame: pd.DataFrame, options: ImportOptions, result: ImportResult) -> _Raw:
    frame = frame.rename(columns=lambda c: str(c).strip())
    frame = frame.loc[:, [not str(c).startswith("Unnamed:") or frame[c].astype(str).str.strip().ne("").any() for c in frame.columns]]
    empty = frame.astype(str).apply(lambda col: col.str.strip()).eq("").all(axis=1)
    frame = frame[~empty].reset_index(drop=True)
    columns = [str(c) for c in frame.columns]
    result.detected.columns = columns
    lon, lat = _coordinate_columns(name, frame, columns, options, result)
    xs = frame[lon].map(parse_coordinate)
    ys = frame[lat].map(parse_coordinate)
    bad = [i for i in range(len(frame)) if xs.iloc[i] is None or ys.iloc[i] is None]
    if bad:
        shown = ", ".join(f"row {i + 2} ({frame[lon].iloc[i]!s:.20}, {frame[lat].iloc[i]!s:.20})" for i in bad[:5])
        raise ImportRefused("bad_coordinates", f"{name}: {len(bad)} row(s) have no usable number in {lon!r}/{lat!r}: {shown}")
    geoms = [Point(x, y) for x, y in zip(xs, ys, strict=True)]
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms))
    return _Raw(gdf, None, lonlat_from_columns=True)


def _coordinate_columns(name: str, frame: pd.DataFrame, columns: list[str], options: ImportOptions, result: ImportResult) -> tuple[str, str]:
    if options.lon or options.lat:
        for chosen in (options.lon, options.lat):
            if chosen not in columns:
                raise ImportRefused("bad_columns", f"{name}: there is no column {chosen!r}; columns: {', '.join(columns)}")
        lon, lat = options.lon, options.lat
    else:
        lon, lat = find_coordinate_columns(columns)
        if lon is None or lat is None or lon == lat:
            numeric = [c for c in columns if len(frame) and frame[c].map(parse_coordinate).notna().all()]
            if len(numeric) == 2:
                lon, lat = numeric
                result.report.append(Message("warning", "columns_guessed", f"{name}: no column is named 经度/纬度 or lon/lat; using {lon!r} and {lat!r}"))
            else:
                result.needs.append(Question("lonlat", f"{name}: choose the longitude (X) and latitude (Y) columns", tuple(columns)))
                raise ImportRefused("no_columns", f"{name}: no longitude/latitude columns found (columns: {', '.join(columns)[:300]}); choose them")
    result.detected.lon, result.detected.lat = lon, lat
    return lon, lat


# --- columns ---------------------------------------------------------------------------


def _clean_columns(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Unique, printable string column names (a property named ``geometry`` is renamed)."""
    names, seen = [], set()
    for column in gdf.columns:
        if column == gdf.geometry.name:
            names.append("geometry")
            continue
        base = "".join(ch for ch in str(column) if ch.isprintable()).strip()[:64] or "field"
        base = "geometry_" if base == "geometry" else base
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}_{n}", n + 1
        seen.add(candidate)
        names.append(candidate)
    out = gdf.copy()
    out.columns = names
    return out.set_geometry("geometry")


def _check_missing_geometry(gdf: gpd.GeoDataFrame, name: str) -> None:
    missing = [i for i, g in enumerate(gdf.geometry) if g is None or g.is_empty]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10])
        raise ImportRefused("no_geometry", f"{name}: {len(missing)} feature(s) have no geometry (feature {shown}); every feature needs one")


# --- coordinates -----------------------------------------------------------------------


def _bounds(gdf: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    coords = shapely.get_coordinates(np.asarray(gdf.geometry.values), include_z=True)
    finite = np.isfinite(coords[:, :2]).all() and (not shapely.has_z(gdf.geometry.values).any() or np.isfinite(coords).all())
    if not len(coords) or not finite:
        raise ImportRefused("bad_coordinates", "some coordinates (x, y or the height z) are not finite numbers (NaN or "
                            "infinity); fix them in the source file and export it again")
    coords = coords[:, :2]
    return float(coords[:, 0].min()), float(coords[:, 1].min()), float(coords[:, 0].max()), float(coords[:, 1].max())


def guess_crs(bounds: tuple[float, float, float, float]) -> str | None:
    """The likely CRS from coordinate ranges around Jinan; ``None`` when nothing fits.

    Degrees → EPSG:4326; eastings 39,xxx,xxx → EPSG:4527 (zone prefix);
    eastings 100 000–900 000 with northings of Shandong → EPSG:4548
    (CGCS2000 GK CM 117°E; UTM 50N has the same meridian, so it is offered
    too); 1.2–1.6 × 10⁷ m eastings → EPSG:3857.
    """
    x0, y0, x1, y1 = bounds
    if -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90:
        return "EPSG:4326"
    if 39_000_000 <= x0 and x1 < 40_000_000 and 1_000_000 <= y0 and y1 <= 6_500_000:
        return "EPSG:4527"
    if 100_000 <= x0 and x1 <= 900_000 and 1_000_000 <= y0 and y1 <= 6_500_000:
        return "EPSG:4548"
    if 8_000_000 <= x0 and x1 <= 15_500_000 and 0 <= y0 and y1 <= 7_500_000:
        return "EPSG:3857"
    return None


def _epsg(crs: CRS) -> str | None:
    with contextlib.suppress(CRSError):
        code = crs.to_epsg(min_confidence=70)
        if code:
            return f"EPSG:{code}"
    return None


def _parse_option_crs(value: str) -> str:
    text = value.strip().upper()
    if re.fullmatch(r"\d{4,5}", text):
        text = f"EPSG:{text}"
    try:
        code = _epsg(CRS.from_user_input(text))
    except CRSError as exc:
        raise ImportRefused("bad_crs", f"CRS {value[:60]!r} is not understood; give an EPSG code such as EPSG:4548") from exc
    if code is None:
        raise ImportRefused("bad_crs", f"CRS {value[:60]!r} has no EPSG code; give one such as EPSG:4548")
    return code


def _crs_question(name: str, suggested: str | None, geographic: bool) -> Question:
    choices = [*GEOGRAPHIC_CRS, "GCJ-02", "BD-09"] if geographic else ["EPSG:4527", "EPSG:4548", "EPSG:32650", "EPSG:3857"]
    choices += [c for c in KNOWN_CRS if c not in choices]
    text = f"{name}: no coordinate system is declared; the coordinates look like {suggested or 'none of the known systems'}. Confirm or choose"
    return Question("crs", text, tuple(choices), suggested)


def _resolve_crs(gdf: gpd.GeoDataFrame, raw: _Raw, name: str, options: ImportOptions, result: ImportResult) -> CRS:
    bounds = _bounds(gdf)
    d = result.detected
    d.declared_crs = (_epsg(raw.declared) or raw.declared.name) if raw.declared is not None else None
    if options.crs:
        code, d.crs_source = _parse_option_crs(options.crs), "option"
    elif raw.declared is not None and not raw.lonlat_from_columns:
        code, d.crs_source = _epsg(raw.declared), "declared"
        if code is None:
            result.report.append(Message("warning", "crs_unidentified", f"{name}: the declared CRS {raw.declared.name!r} has no EPSG code; used as declared, check the positions"))
            d.crs = raw.declared.name
            return raw.declared
    elif options.datum is not None:
        code, d.crs_source = "EPSG:4326", "option"
    else:
        code, d.crs_source = guess_crs(bounds), "guessed"
        result.needs.append(_crs_question(name, code, bool(code in GEOGRAPHIC_CRS)))
        if code is None:
            raise ImportRefused("crs_unknown", f"{name}: coordinates x {bounds[0]:.6g}..{bounds[2]:.6g}, y {bounds[1]:.6g}..{bounds[3]:.6g} fit none of the known systems; choose the CRS")
    code = _fix_zone_prefix(code, bounds, name, result)
    _check_crs_fits(code, bounds, name, result)
    d.crs = code
    return CRS.from_user_input(code)


def _fix_zone_prefix(code: str, bounds: tuple[float, float, float, float], name: str, result: ImportResult) -> str:
    x0, _, x1, _ = bounds
    if code == "EPSG:4527" and x1 < 1_000_000:
        result.report.append(Message("warning", "zone_prefix", f"{name}: declared EPSG:4527 (zone-prefixed eastings) but eastings are {x0:,.0f}..{x1:,.0f} without the 39 prefix; read as EPSG:4548"))
        return "EPSG:4548"
    if code == "EPSG:4548" and 39_000_000 <= x0 < 40_000_000:
        result.report.append(Message("warning", "zone_prefix", f"{name}: declared EPSG:4548 but eastings {x0:,.0f}..{x1:,.0f} carry the zone prefix 39; read as EPSG:4527"))
        return "EPSG:4527"
    return code


def _check_crs_fits(code: str, bounds: tuple[float, float, float, float], name: str, result: ImportResult) -> None:
    geographic = CRS.from_user_input(code).is_geographic
    x0, y0, x1, y1 = bounds
    in_degrees = -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90
    if geographic and not in_degrees:
        guess = guess_crs(bounds)
        result.needs.append(Question("crs", f"{name}: {code} is longitude/latitude but the coordinates are metres", tuple(KNOWN_CRS), guess))
        raise ImportRefused("crs_mismatch", f"{name}: {code} means degrees, but x runs {x0:,.0f}..{x1:,.0f}; the data look like {guess or 'a projected CRS'}; choose the CRS")
    if not geographic and in_degrees:
        result.needs.append(Question("crs", f"{name}: {code} is in metres but the coordinates look like degrees", tuple(KNOWN_CRS), "EPSG:4326"))
        raise ImportRefused("crs_mismatch", f"{name}: {code} is a projected CRS in metres, but x runs {x0:.4f}..{x1:.4f} like degrees; choose EPSG:4326")


def _swap_if_transposed(gdf: gpd.GeoDataFrame, name: str, result: ImportResult) -> gpd.GeoDataFrame:
    """Columns named the surveyors' way (X = northing) or lat/lon swapped: swap x and y, with a warning."""
    x0, y0, x1, y1 = _bounds(gdf)
    swapped_deg = 0 <= x0 and x1 <= 60 and 70 <= y0 and y1 <= 140
    swapped_gk = 1_000_000 <= x0 and x1 <= 6_500_000 and (39_000_000 <= y0 < 40_000_000 or (100_000 <= y0 and y1 <= 900_000))
    if not (swapped_deg or swapped_gk):
        return gdf
    result.report.append(Message(
        "warning", "axes_swapped",
        f"{name}: column {result.detected.lon!r} holds the northing/latitude and {result.detected.lat!r} the easting/longitude "
        "(the Chinese surveying X/Y convention); they were swapped",
    ))
    out = gdf.copy()
    out["geometry"] = gpd.GeoSeries(shapely.transform(np.asarray(gdf.geometry.values), lambda c: c[:, ::-1]), index=gdf.index)
    return out


def _to_wgs84(gdf: gpd.GeoDataFrame, raw: _Raw, name: str, options: ImportOptions, result: ImportResult) -> gpd.GeoDataFrame:
    if options.datum is not None and options.datum not in DATUMS:
        raise ImportRefused("bad_datum", f"datum {options.datum!r} is not one of {', '.join(DATUMS)}")
    if raw.lonlat_from_columns:
        gdf = _swap_if_transposed(gdf, name, result)
    crs = _resolve_crs(gdf, raw, name, options, result)
    out = gdf.set_crs(crs, allow_override=True).to_crs(WGS84)
    result.detected.datum = options.datum or "wgs84"
    if options.datum in ("gcj02", "bd09"):
        if not crs.is_geographic:
            raise ImportRefused("bad_datum", f"{name}: {DATUMS[options.datum][1]} applies to longitude/latitude, but the file is in {result.detected.crs} metres")
        convert = gcj02_to_wgs84 if options.datum == "gcj02" else bd09_to_wgs84
        out["geometry"] = gpd.GeoSeries([_convert_geometry(g, convert) for g in out.geometry], index=out.index, crs=WGS84)
        result.report.append(Message("info", "datum", f"{name}: converted from {options.datum.upper()} to WGS84 (exact inverse)"))
    coords = shapely.get_coordinates(np.asarray(out.geometry.values))
    if not np.isfinite(coords).all() or (np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any():
        raise ImportRefused("bad_coordinates", f"{name}: some coordinates fall outside the Earth after conversion from {result.detected.crs}; check the CRS")
    return out


def _convert_geometry(geom: BaseGeometry, func: Any) -> BaseGeometry:
    def on_array(coords: np.ndarray) -> np.ndarray:
        return np.array([func(float(x), float(y)) for x, y in coords]).reshape(coords.shape)

    return shapely.transform(geom, on_array)


# --- geometry checks -------------------------------------------------------------------


def _check_geometries(gdf: gpd.GeoDataFrame, name: str, options: ImportOptions, result: ImportResult) -> gpd.GeoDataFrame:
    geoms = np.asarray(gdf.geometry.values)
    invalid = [int(i) for i in np.flatnonzero(~shapely.is_valid(geoms))]
    result.detected.invalid = invalid
    if not invalid:
        return gdf
    reasons = {i: shapely.is_valid_reason(geoms[i]) for i in invalid}
    shown = "; ".join(f"feature {i}: {reasons[i]}" for i in invalid[:5])
    if not options.repair:
        result.needs.append(Question("repair", f"{name}: {len(invalid)} feature(s) have invalid geometry ({shown}); repair them?", ("yes", "no"), "yes"))
        result.report.append(Message("error", "invalid_geometry", f"{name}: {len(invalid)} invalid geometr{'y' if len(invalid) == 1 else 'ies'} ({shown}); allow the repair or fix the file"))
        return gdf
    out = gdf.copy()
    fixed = list(geoms)
    for i in invalid:
        fixed[i] = repair_geometry(geoms[i])
        if fixed[i] is None or fixed[i].is_empty:
            raise ImportRefused("invalid_geometry", f"{name} feature {i}: the invalid geometry ({reasons[i]}) cannot be repaired")
        result.report.append(Message("warning", "repaired", f"{name} feature {i}: invalid geometry ({reasons[i]}) repaired to a valid {fixed[i].geom_type}", i))
    out["geometry"] = gpd.GeoSeries(fixed, index=gdf.index, crs=gdf.crs)
    result.detected.repaired = invalid
    return out


def repair_geometry(geom: BaseGeometry) -> BaseGeometry | None:
    """A valid geometry of the same dimension (``make_valid``, keeping polygons for polygons)."""
    fixed = shapely.make_valid(geom)
    dim = shapely.get_dimensions(geom)
    if fixed.geom_type != "GeometryCollection" and shapely.get_dimensions(fixed) == dim:
        return fixed
    parts = fixed.geoms if fixed.geom_type == "GeometryCollection" else [fixed]
    kept = [q for p in parts for q in getattr(p, "geoms", [p]) if shapely.get_dimensions(q) == dim and not q.is_empty]
    return _collect(kept) if kept else None  # a polygon that collapses to a line cannot be repaired


def _check_location(gdf: gpd.GeoDataFrame, name: str, options: ImportOptions, result: ImportResult) -> None:
    x0, y0, x1, y1 = options.district_bounds
    district = shapely.box(x0, y0, x1, y1)
    data_box = shapely.box(*gdf.total_bounds)
    if data_box.intersects(district):
        return
    both = gpd.GeoSeries([district, data_box], crs=WGS84).to_crs(PROJECTED)
    km = both.iloc[0].distance(both.iloc[1]) / 1000
    if km > FAR_KM:
        result.report.append(Message(
            "warning", "far_away",
            f"{name}: the features lie {km:,.0f} km from Huaiyin district; check the CRS ({result.detected.crs}) and the datum ({result.detected.datum})",
        ))


#: The web-map "coordinate systems" the CRS question offers: longitude/latitude on a shifted datum.
DATUM_CRS = {"GCJ02": "gcj02", "BD09": "bd09"}


def datum_of_crs(crs: str | None) -> str | None:
    """``gcj02`` / ``bd09`` when ``crs`` names one (``GCJ-02``, ``gcj02``, ``BD-09`` …), else ``None``."""
    return DATUM_CRS.get(re.sub(r"[\s_-]", "", crs or "").upper())


def with_answers(options: ImportOptions, **answers: Any) -> ImportOptions:
    """``options`` with the user's answers applied (``crs="GCJ-02"`` sets the datum, as the CRS question offers)."""
    crs = answers.pop("crs", options.crs)
    datum = datum_of_crs(crs)
    if datum:
        answers["datum"] = datum
        crs = "EPSG:4326"
    return evolve(options, crs=crs, **answers)
