"""Build the zone and transport layers of the plan from hand-placed coordinates.

Writes, into ``geodata/`` (or ``--output``)::

    zones.geojson           the 11 zones of “两核三区、三纵三横” (第二章 三、空间布局)
    roads.geojson           expressways and the roads the belts and axes follow
    rail_lines.geojson      京沪高铁, 济郑高铁, the conventional lines and the 济西 yard
    rail_stations.geojson   济南西站
    metro_lines.geojson     轨道交通 1, 2, 4, 6 号线
    metro_stations.geojson  their stations in and next to the district

Every coordinate below is WGS84 lon/lat placed BY HAND from public
descriptions (street names, station order, the official limits of
济南国际医学科学中心, Wikipedia's station coordinate of 济南西站) and general
knowledge of Jinan's street grid. Nothing here is surveyed: positions are
approximate (typically 100–500 m, more where ``geometry_source`` says so), and
every feature says ``geometry_quality: "approximate"``.

Zones are polygons placed from the plan's descriptions, or corridors made by
buffering a road or river line in EPSG:4548 (CGCS2000 / 3-degree GK, CM 117E);
all of them are clipped to ``geodata/boundary.geojson``. Lines and stations
that leave the district carry ``extends_beyond_district`` and ``outside_note``;
the script refuses to write a feature that leaves the district without them.

Usage::

    python scripts/build_zones_transport.py [-o geodata]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.validation import make_valid

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planning.storage import write_feature_collection  # noqa: E402

WGS84 = "EPSG:4326"
METRIC_CRS = "EPSG:4548"
MIN_PART_M2 = 5_000.0  # polygon slivers smaller than 0.5 ha left by clipping are dropped
INSIDE_SHARE = 0.99  # a feature without outside_note must lie at least this much inside

# --- outline sections cited ---------------------------------------------------------

SECTIONS: dict[str, str] = {
    "ch1-1-3": "第一章 一、（三）城市品质得到新提升",
    "ch1-3": "第一章 三、发展优势",
    "ch2-3": "第二章 三、空间布局",
    "ch4-3": "第四章 三、巩固主导产业发展，打造经济发展引擎",
    "ch6-3": "第六章 三、完善城市基础设施体系",
    "box9": "专栏9 城市基础设施重点工程",
    # Not named anywhere in the plan: drawn as context (limits of zones, the route of a named axis).
    "context": "规划未提及：背景要素（示意片区边界或所依托道路的走向）",
}

# --- roads ------------------------------------------------------------------------
# Each: id, names, class, section, coordinates (lon, lat), how placed, short
# descriptions, and outside_note when the line runs past the district edge.

ROADS: list[dict[str, Any]] = [
    {
        "id": "road-jingshi",
        "name_zh": "经十路",
        "name_en": "Jingshi Road",
        "road_class": "arterial",
        "section": "ch2-3",
        "coords": [(116.9950, 36.6490), (116.9800, 36.6486), (116.9630, 36.6482), (116.9490, 36.6480),
                   (116.9385, 36.6482), (116.9330, 36.6479), (116.9175, 36.6487), (116.9035, 36.6505),
                   (116.8895, 36.6525)],
        "placed": "placed by hand at about 36.648–36.652 N from 大杨 (齐鲁大道) east to the district line, "
                  "following the district's southern edge, which runs along or just south of 经十路",
        "desc_zh": "经十路城市发展景观轴所依托的东西向主干道（大杨以东段）。",
        "desc_en": "East–west arterial carrying the Jingshi Road development and landscape axis (east of Dayang).",
        "outside_note": "经十路 continues east into 市中区 and 历下区; a short stretch near the 二环西路 "
                        "interchange runs on the 市中区 side of the line",
    },
    {
        "id": "road-jingshi-west",
        "name_zh": "经十西路",
        "name_en": "Jingshi West Road",
        "road_class": "arterial",
        "section": "context",
        "coords": [(116.8895, 36.6525), (116.8800, 36.6490), (116.8720, 36.6450), (116.8600, 36.6395),
                   (116.8480, 36.6345), (116.8350, 36.6290), (116.8200, 36.6210)],
        "placed": "placed by hand south-west from 大杨 (齐鲁大道) across 京台高速 towards 长清; the bend "
                  "point at 大杨 follows the Line 1 station description (齐鲁大道与经十西路交口北侧)",
        "desc_zh": "经十路向西南延伸段，通往长清区。",
        "desc_en": "South-western continuation of Jingshi Road towards Changqing District.",
        "outside_note": "经十西路 continues south-west into 长清区",
    },
    {
        "id": "road-erhuan-west",
        "name_zh": "二环西路",
        "name_en": "West 2nd Ring Road",
        "road_class": "arterial",
        "section": "ch2-3",
        "coords": [(116.9390, 36.6380), (116.9385, 36.6482), (116.9383, 36.6585), (116.9380, 36.6690),
                   (116.9378, 36.6800), (116.9376, 36.6900), (116.9365, 36.7000), (116.9370, 36.7105),
                   (116.9368, 36.7250)],
        "placed": "placed by hand at about 116.937–116.939 E, east of 山东国际会展中心 (whose east side is "
                  "二环西路); north of 36.698 N it follows the district line with 天桥区",
        "desc_zh": "二环西路隆起轴所依托的南北向城市主干道。",
        "desc_en": "North–south arterial carrying the West 2nd Ring Road growth axis.",
        "outside_note": "二环西路 continues south into 市中区 and north through 天桥区 to the Yellow River",
    },
    {
        "id": "road-wei12",
        "name_zh": "纬十二路",
        "name_en": "Wei 12th Road",
        "road_class": "arterial",
        "section": "ch2-3",
        "coords": [(116.9628, 36.6700), (116.9630, 36.6650), (116.9631, 36.6600), (116.9632, 36.6540),
                   (116.9632, 36.6482), (116.9633, 36.6405), (116.9636, 36.6350)],
        "placed": "placed by hand at about 116.963 E from the railway (经一路) south to 经十一路, counting "
                  "the 纬 roads of the old 商埠 grid west from 纬二路 at roughly 340 m spacing",
        "desc_zh": "纬十二路都市消费带所依托的南北向道路，北起经一路，南至经十路以南。",
        "desc_en": "North–south road carrying the Wei 12th Road urban consumption belt.",
        "outside_note": "纬十二路 continues north under the railway into 天桥区 and south into 市中区",
    },
    {
        "id": "road-qilu",
        "name_zh": "齐鲁大道",
        "name_en": "Qilu Avenue",
        "road_class": "arterial",
        "section": "box9",
        "coords": [(116.8860, 36.6340), (116.8885, 36.6420), (116.8895, 36.6525), (116.8900, 36.6600),
                   (116.8900, 36.6689), (116.8903, 36.6800), (116.8905, 36.6905), (116.8908, 36.6980)],
        "placed": "placed by hand along the east side of 济南西站 (Line 1 runs beneath it: 王府庄 – 大杨 – "
                  "济南西站 – 方特), from 刘长山路 north to 小清河",
        "desc_zh": "济南西站东侧的南北向主干道，轨道交通1号线沿线敷设。",
        "desc_en": "North–south arterial on the east side of Jinan West station; Metro Line 1 runs beneath it.",
    },
    {
        "id": "road-qilu-north",
        "name_zh": "齐鲁大道北延",
        "name_en": "Qilu Avenue north extension",
        "road_class": "arterial",
        "section": "box9",
        "coords": [(116.8908, 36.6980), (116.8910, 36.7150), (116.8912, 36.7300), (116.8915, 36.7440)],
        "placed": "planned alignment assumed to continue 齐鲁大道 straight north from 小清河 to the Yellow River",
        "desc_zh": "规划道路：专栏9“济南市齐鲁大道北延工程”。",
        "desc_en": "Planned road: 专栏9 lists the Qilu Avenue north extension project.",
    },
    {
        "id": "road-qingdao",
        "name_zh": "青岛路",
        "name_en": "Qingdao Road",
        "road_class": "arterial",
        "section": "box9",
        "coords": [(116.8522, 36.6905), (116.8700, 36.6905), (116.8795, 36.6905), (116.8905, 36.6905),
                   (116.9055, 36.6905)],
        "placed": "placed by hand at about 36.6905 N from 腊山河西路 west past 方特 (齐鲁大道与青岛路) to its "
                  "west end at the south gate of 山东第一医科大学",
        "desc_zh": "济南西站以北的东西向道路；西段为专栏9所列“青岛路西延”。",
        "desc_en": "East–west road north of Jinan West station; its western part is the 专栏9 "
                   "Qingdao Road west extension.",
    },
    {
        "id": "road-rizhao",
        "name_zh": "日照路",
        "name_en": "Rizhao Road",
        "road_class": "arterial",
        "section": "context",
        "coords": [(116.8905, 36.6663), (116.9050, 36.6662), (116.9200, 36.6660), (116.9378, 36.6657)],
        "placed": "placed by hand from 齐鲁大道 (济南西站 lies near 齐鲁大道与日照路) east to 二环西路, along the "
                  "south side of 山东国际会展中心",
        "desc_zh": "央企总部城中央商务轴南侧的东西向道路，山东国际会展中心南界。",
        "desc_en": "East–west road on the south side of the central business axis and of the "
                   "Shandong International Convention and Exhibition Center.",
    },
    {
        "id": "road-lashanhe-west",
        "name_zh": "腊山河西路",
        "name_en": "Lashan River West Road",
        "road_class": "arterial",
        "section": "ch6-3",
        "coords": [(116.9065, 36.6495), (116.9062, 36.6600), (116.9060, 36.6700), (116.9057, 36.6800),
                   (116.9055, 36.6905)],
        "placed": "placed by hand west of 腊山河 from 经十路 north to 青岛路 (专栏9 names the stretch "
                  "腊山河西路（经十路至青岛路段）)",
        "desc_zh": "腊山河西侧的南北向道路（经十路至青岛路段）。",
        "desc_en": "North–south road west of the Lashan River, from Jingshi Road to Qingdao Road.",
    },
    {
        "id": "road-lashanhe-west-north",
        "name_zh": "腊山河西路北延",
        "name_en": "Lashan River West Road north extension",
        "road_class": "arterial",
        "section": "ch6-3",
        "coords": [(116.9055, 36.6905), (116.9052, 36.7040), (116.9048, 36.7180), (116.9045, 36.7315)],
        "placed": "planned alignment assumed straight north from 青岛路 across 小清河 to the 绕城 north "
                  "section; it is also the medical centre's eastern limit north of 小清河",
        "desc_zh": "规划道路：第六章“加快腊山河西路北延”。",
        "desc_en": "Planned road: chapter 6 calls for speeding up the north extension of Lashan River West Road.",
    },
    {
        "id": "road-yixue",
        "name_zh": "医学大道",
        "name_en": "Yixue Avenue (Medical Avenue)",
        "road_class": "arterial",
        "section": "box9",
        "coords": [(116.8525, 36.6680), (116.8523, 36.6830), (116.8522, 36.6905), (116.8522, 36.7030),
                   (116.8525, 36.7180)],
        "placed": "planned alignment guessed as a north–south road through 山东第一医科大学 (whose tunnel links "
                  "青岛路 with 小清河) between the 济西 yard and 京台高速; its true line is uncertain by ~1 km",
        "desc_zh": "规划道路：济南国际医学科学中心南北向主路，专栏9列有“医学大道南段”；轨道交通6号线沿线敷设。",
        "desc_en": "Planned road: main north–south street of the medical science centre; 专栏9 lists its "
                   "southern section. Metro Line 6 is to run along it.",
    },
    {
        "id": "road-g3",
        "name_zh": "京台高速",
        "name_en": "Beijing–Taipei Expressway (G3)",
        "road_class": "expressway",
        "section": "ch6-3",
        "coords": [(116.8350, 36.7480), (116.8460, 36.7295), (116.8560, 36.7220), (116.8600, 36.7100),
                   (116.8625, 36.6950), (116.8645, 36.6800), (116.8660, 36.6650), (116.8685, 36.6520),
                   (116.8740, 36.6400), (116.8810, 36.6280), (116.8860, 36.6190), (116.8950, 36.6000)],
        "placed": "placed by hand west of 济南西站 and east of the 济西 yard (济西站 lies 'west of 京福高速'), "
                  "with 京沪高铁 east of it north of the station; crossing point on the Yellow River assumed",
        "desc_zh": "G3京台高速（原京福高速）济南西环段；第六章提出配合推进京台高速改扩建。",
        "desc_en": "G3 Beijing–Taipei Expressway (formerly Beijing–Fuzhou), western Jinan bypass; chapter 6 "
                   "supports its widening.",
        "outside_note": "G3 continues north across the Yellow River towards 齐河 and south-east towards "
                        "殷家林 through 市中区/长清区",
    },
    {
        "id": "road-g2001",
        "name_zh": "绕城高速（北线）",
        "name_en": "Jinan Ring Expressway, north section (G2001)",
        "road_class": "expressway",
        "section": "ch2-3",
        "coords": [(116.8560, 36.7220), (116.8720, 36.7275), (116.8900, 36.7315), (116.9050, 36.7315),
                   (116.9210, 36.7290), (116.9400, 36.7260)],
        "placed": "placed by hand about 1–1.5 km south of the Yellow River from its junction with G3 east "
                  "to the 天桥区 line, leaving room north of it for the ~3750 亩 the plan mentions",
        "desc_zh": "济南绕城高速北线（G2001），医学科学中心官方四至中亦称“G35高速公路”；规划提出开发区绕城高速以北约3750亩土地规划调整。",
        "desc_en": "North section of the Jinan ring expressway (G2001), cited as 'G35' in the medical "
                   "centre's official limits; the plan wants ~3750 mu north of it re-planned for the "
                   "development zone.",
        "outside_note": "the ring expressway continues east through 天桥区",
    },
    {
        "id": "road-beiyuan-west",
        "name_zh": "北园高架西延快速路",
        "name_en": "Beiyuan Elevated Road west extension",
        "road_class": "expressway",
        "section": "ch1-1-3",
        "coords": [(116.9600, 36.6925), (116.9415, 36.6925), (116.9300, 36.6930), (116.9200, 36.6935),
                   (116.9055, 36.6945), (116.8920, 36.6955)],
        "placed": "alignment assumed: from the west end of 北园高架 at 二环西路 west, just north of 青岛路, "
                  "to 齐鲁大道 north of 济南西站; only the end points are reasonably sure",
        "desc_zh": "“十三五”期间竣工通车的北园高架西延快速路（第一章 一、（三））。",
        "desc_en": "West extension of the Beiyuan elevated expressway, completed in the 13th plan period.",
        "outside_note": "continues east as 北园高架 along 北园大街 in 天桥区",
    },
]

# --- rail ---------------------------------------------------------------------------

JINGHU_WEST = [(116.7950, 36.7400), (116.8145, 36.7178), (116.8260, 36.7030), (116.8340, 36.6900),
               (116.8400, 36.6750), (116.8450, 36.6620), (116.8520, 36.6500), (116.8600, 36.6380),
               (116.8670, 36.6270), (116.8750, 36.6120), (116.8900, 36.5900)]

RAIL_LINES: list[dict[str, Any]] = [
    {
        "id": "rail-jinghu-hsr",
        "name_zh": "京沪高铁",
        "name_en": "Beijing–Shanghai high-speed railway",
        "rail_kind": "high_speed",
        "section": "ch1-3",
        "coords": [(116.8450, 36.7650), (116.8620, 36.7335), (116.8715, 36.7150), (116.8790, 36.7000),
                   (116.8835, 36.6850), (116.8855, 36.6690), (116.8865, 36.6550), (116.8905, 36.6400),
                   (116.8955, 36.6270), (116.9010, 36.6120), (116.9150, 36.5850)],
        "placed": "placed by hand through 济南西站 (36.669 N, 116.886 E), north-north-west towards the Yellow "
                  "River and south-south-east towards 泰安",
        "desc_zh": "济南西站为京沪高铁五大始发站之一（第一章 三、）；规划未述其建设状态。",
        "desc_en": "Jinan West is one of the five originating stations of the line (chapter 1); the plan "
                   "states no lifecycle status for it.",
        "outside_note": "continues north across the Yellow River towards 德州/北京 and south through "
                        "市中区 towards 泰安/上海",
    },
    {
        "id": "rail-jizheng-hsr",
        "name_zh": "济郑高铁",
        "name_en": "Jinan–Zhengzhou high-speed railway",
        "rail_kind": "high_speed",
        "section": "ch6-3",
        "coords": [(116.8855, 36.6690), (116.8845, 36.6600), (116.8790, 36.6500), (116.8660, 36.6400),
                   (116.8500, 36.6320), (116.8350, 36.6240), (116.8000, 36.6000)],
        "placed": "placed by hand leaving 济南西站 southwards and curving south-west across 京台高速 and the "
                  "济西 line; the real alignment may differ by several hundred metres",
        "desc_zh": "“配合推进济郑高铁（槐荫段）”（第六章 三、）；“‘十四五’时期，济郑高铁将建成通车”（第一章 三、）。",
        "desc_en": "The plan supports the Huaiyin section (chapter 6) and expects the line to open in the "
                   "14th plan period (chapter 1); it states no status for it.",
        "outside_note": "continues south-west through 长清区 towards 聊城 and 郑州",
    },
    {
        "id": "rail-jinghu-jixi",
        "name_zh": "京沪铁路（晏城—济西—党家庄段）",
        "name_en": "Beijing–Shanghai railway (Yancheng–Jixi–Dangjiazhuang line)",
        "rail_kind": "conventional",
        "section": "context",
        "coords": JINGHU_WEST,
        "placed": "placed by hand from the Yellow River crossing south-south-east past the 济西 yard at 位里庄 "
                  "(west of 京台高速) towards 党家庄; drawn as the western limit of 济南国际医学科学中心",
        "desc_zh": "津浦（京沪）铁路济南枢纽西侧正线，经济西编组站；规划未直接提及，作为济南国际医学科学中心西界示意。",
        "desc_en": "Western main line of the old Tianjin–Pukou (Beijing–Shanghai) railway through the Jixi "
                   "yard; not named in the plan, drawn as the medical science centre's western limit.",
        "outside_note": "continues north across the Yellow River towards 晏城 (齐河) and south towards "
                        "党家庄 in 市中区",
    },
    {
        "id": "rail-jinpu-baimashan",
        "name_zh": "津浦铁路（济南站—白马山段）",
        "name_en": "Tianjin–Pukou railway (Jinan station–Baimashan line)",
        "rail_kind": "conventional",
        "section": "context",
        "coords": [(116.9860, 36.6695), (116.9750, 36.6660), (116.9640, 36.6652), (116.9560, 36.6610),
                   (116.9510, 36.6550), (116.9470, 36.6480), (116.9455, 36.6385), (116.9430, 36.6280),
                   (116.9400, 36.6100)],
        "placed": "placed by hand from 济南站 west along the district line, then south-west past 营市街 "
                  "along the district line with 市中区 (the 2023 limits of the development zone name 津浦铁路 here)",
        "desc_zh": "老津浦铁路自济南站向西南经白马山方向；规划未直接提及。",
        "desc_en": "Old Tianjin–Pukou line from Jinan station south-west towards Baimashan; not named in the plan.",
        "outside_note": "begins at 济南站 in 天桥区 and continues south-west into 市中区 towards 白马山",
    },
    {
        "id": "rail-jixi-yard",
        "name_zh": "济西编组站",
        "name_en": "Jixi marshalling yard",
        "rail_kind": "conventional",
        "section": "context",
        "coords": [(116.8300, 36.6970), (116.8340, 36.6900), (116.8400, 36.6750), (116.8445, 36.6630)],
        "placed": "drawn as the yard's centre line, about 4 km along the 京沪 line at 兴福街道位里庄, west of "
                  "京台高速; yard extent assumed",
        "desc_zh": "路网性编组站，位于兴福街道位里庄、京福高速以西；济南国际医学科学中心西界。",
        "desc_en": "Network marshalling yard at Weilizhuang, west of the G3 expressway; western limit of "
                   "the medical science centre.",
    },
]

RAIL_STATIONS: list[dict[str, Any]] = [
    {
        "id": "jinanxi",
        "name_zh": "济南西站",
        "name_en": "Jinan West railway station",
        "section": "ch1-3",
        "coord": (116.8855, 36.6690),
        "placed": "station building placed just west of the metro station's published coordinate "
                  "(36.66889 N, 116.88830 E, Wikipedia) on the 京沪高铁 line",
        "desc_zh": "京沪高铁五大始发站之一，2020年发送、到达旅客1271万人次（第一章 三、）。",
        "desc_en": "One of the five originating stations of the Beijing–Shanghai HSR; 12.71 million "
                   "passengers in 2020 (chapter 1).",
    },
]

# --- metro --------------------------------------------------------------------------
# Stations: key -> (name_zh, name_en, lon, lat, construction name or None, outside_note or None)

METRO_STATIONS: dict[str, tuple[str, str, float, float, str | None, str | None]] = {
    "wangfuzhuang": ("王府庄", "Wangfuzhuang", 116.8840, 36.6335, None, None),
    "dayang": ("大杨", "Dayang", 116.8895, 36.6525, None, None),
    "jinanxizhan": ("济南西站", "Jinan West Railway Station", 116.8883, 36.6689, None, None),
    "fangte": ("方特", "Fangte", 116.8905, 36.6905, "演马庄西", None),
    "lashannan": ("腊山南", "Lashan South", 116.8995, 36.6355, "任家庄", None),
    "lashan": ("腊山", "Lashan", 116.9175, 36.6487, None, None),
    "erhuanxilu": ("二环西路", "Erhuan Xilu", 116.9385, 36.6585, None, None),
    "laotun": ("老屯", "Laotun", 116.9470, 36.6680, "闫千户", None),
    "baliqiao": ("八里桥", "Baliqiao", 116.9585, 36.6785, None,
                 "placed just across the line in 天桥区; which side of the district line the station lies on is uncertain"),
    "diyiyikedaxue": ("第一医科大学", "First Medical University", 116.8530, 36.6905, None, None),
    "lashanhegongyuan": ("腊山河公园", "Lashan River Park", 116.9035, 36.6505, None, None),
    "duandian": ("段店", "Duandian", 116.9330, 36.6479, None, None),
    "yingshijie": ("营市街", "Yingshi Street", 116.9490, 36.6480, None, None),
    "nanxinzhuang": ("南辛庄", "Nanxinzhuang", 116.9625, 36.6482, None, None),
    "weilizhuang": ("位里庄", "Weilizhuang", 116.8380, 36.6975, None, None),
    "mengwangzhuang": ("孟王庄", "Mengwangzhuang", 116.8525, 36.6830, None, None),
    "yujiazhuang": ("于家庄", "Yujiazhuang", 116.8690, 36.6760, None, None),
    "wenhuazhongxin": ("文化中心", "Culture Center", 116.9020, 36.6690, None, None),
    "zhongyanggongyuan": ("中央公园", "Central Park", 116.9165, 36.6690, None, None),
    "huizhanzhongxin": ("会展中心", "Convention and Exhibition Center", 116.9320, 36.6690, None, None),
    "shangbuquxi": ("商埠区西", "Shangbu District West", 116.9595, 36.6645, None, None),
}

STATUS_COMPLETED = ("竣工", "2020", "第一章 一、（三） (line 106): “交通体系日益完善，北园高架西延快速路、"
                    "轨道交通 1 号线、2 号线竣工通车”")
STATUS_RESERVE = ("储备", "2020", "第四章 三、 (line 405): “依托济南西站交通枢纽、轨道交通1号、2号和即将启动的4号、"
                  "6号线”; 第一章 三、 (line 151): “随着轨道交通 4 号线、6 号线启动建设”")

# route: station keys, or (lon, lat) way points between them
METRO_LINES: list[dict[str, Any]] = [
    {
        "line": "1",
        "section": "ch1-1-3",
        "status": STATUS_COMPLETED,
        "route": [(116.8450, 36.6240), (116.8650, 36.6320), "wangfuzhuang", "dayang", "jinanxizhan", "fangte"],
        "placed": "stations placed by hand along 刘长山路 and 齐鲁大道 in the published order 王府庄 – 大杨 – "
                  "济南西站 – 方特; 济南西站 at its Wikipedia coordinate",
        "desc_zh": "南北向线路，区内沿齐鲁大道地下敷设，北端终点方特；“十三五”期间竣工通车（第一章 一、（三））。",
        "desc_en": "North–south line, underground beneath Qilu Avenue in the district, ending at Fangte.",
        "outside_note": "continues south-west into 市中区/长清区 (玉符河, 赵营 … 工研院); drawn only to the district edge",
    },
    {
        "line": "2",
        "section": "ch1-1-3",
        "status": STATUS_COMPLETED,
        "route": ["wangfuzhuang", "lashannan", "lashan", "erhuanxilu", "laotun", "baliqiao",
                  (116.9715, 36.6770), (116.9860, 36.6745)],
        "placed": "stations placed by hand in the published order 王府庄 – 腊山南 – 腊山 – 二环西路 – 老屯 – "
                  "八里桥 towards 济南站北; positions between stations are straight lines",
        "desc_zh": "东西向线路，西起王府庄（与1号线换乘），经腊山、二环西路、老屯向东。",
        "desc_en": "East–west line from Wangfuzhuang (interchange with Line 1) east via Lashan, "
                   "Erhuan Xilu and Laotun.",
        "outside_note": "continues east through 天桥区 (益康路, 济南站北 …) to 彭家庄 in 历城区",
    },
    {
        "line": "4",
        "section": "ch6-3",
        "status": STATUS_RESERVE,
        "route": ["diyiyikedaxue", (116.8795, 36.6905), "jinanxizhan", "dayang", "lashanhegongyuan",
                  "lashan", "duandian", "yingshijie", "nanxinzhuang", (116.9800, 36.6486), (116.9950, 36.6490)],
        "placed": "stations placed by hand along 青岛路, past 济南西站 (its Line 4 platform is under the west "
                  "plaza) and east along 经十路 from 大杨; the western terminus 小高庄 is not placed",
        "desc_zh": "东西向线路，区内沿青岛路、顺安路、经十路敷设；规划称“即将启动”。",
        "desc_en": "East–west line along Qingdao Road, Shun'an Road and Jingshi Road; the plan says it is "
                   "'about to start'.",
        "outside_note": "continues east along 经十路 into 市中区, 历下区 and beyond to 彭家庄",
    },
    {
        "line": "6",
        "section": "ch6-3",
        "status": STATUS_RESERVE,
        "route": ["weilizhuang", (116.8522, 36.6960), "mengwangzhuang", "yujiazhuang", "jinanxizhan",
                  "wenhuazhongxin", "zhongyanggongyuan", "huizhanzhongxin", "laotun", "shangbuquxi",
                  (116.9725, 36.6643), (116.9870, 36.6642)],
        "placed": "stations placed by hand in the published order 位里庄 – 孟王庄 – 于家庄 – 济南西站 – 文化中心 "
                  "– 中央公园 – 会展中心 – 老屯 – 商埠区西, along 医学大道, the 济南西站 central axis and 经一路",
        "desc_zh": "东西向线路，西起位里庄，沿医学大道、济南西站片区中轴、经一路向东；央企总部城中央商务轴围绕其建设。",
        "desc_en": "East–west line from Weilizhuang along Yixue Avenue, the Jinan West central axis and "
                   "Jingyi Road; the central business axis is planned around it.",
        "outside_note": "continues east along 经一路 into 市中区 (经一纬六, 济南站 …) and on to 梁王东",
    },
]

# --- zones ---------------------------------------------------------------------------
# Helper lines for corridors (not written as layers).

YELLOW_RIVER = [(116.7951, 36.7006), (116.7954, 36.7042), (116.7971, 36.7065), (116.8047, 36.7126),
                (116.8145, 36.7177), (116.8252, 36.7236), (116.8319, 36.7264), (116.8369, 36.7277),
                (116.8441, 36.7288), (116.8510, 36.7293), (116.8562, 36.7302), (116.8611, 36.7332),
                (116.8684, 36.7397), (116.8763, 36.7439), (116.8812, 36.7454), (116.8880, 36.7460),
                (116.8941, 36.7456), (116.9058, 36.7447), (116.9153, 36.7430), (116.9212, 36.7400)]
YUFU_RIVER = [(116.8033, 36.6268), (116.8021, 36.6288), (116.8019, 36.6312), (116.8024, 36.6335),
              (116.8037, 36.6351), (116.8064, 36.6367), (116.8071, 36.6388), (116.8071, 36.6406),
              (116.8059, 36.6440), (116.8032, 36.6490), (116.8029, 36.6511), (116.8043, 36.6560),
              (116.8119, 36.6738), (116.8155, 36.6755), (116.8170, 36.6769), (116.8161, 36.6788),
              (116.8136, 36.6806), (116.8093, 36.6826), (116.7951, 36.7006)]
CBD_AXIS = [(116.8855, 36.6690), (116.9020, 36.6690), (116.9165, 36.6690), (116.9345, 36.6690),
            (116.9375, 36.6690)]
#: 张庄村 and 刘庄村, east of 二环西路, whose renewal 第二章 三、 counts among the axis's supporting projects.
ZHANGLIU = (116.9520, 36.6695)
#: Centre of the 美里湖湿地 polygon of water.geojson (the lake the zone names), so the zone and the water agree.
MEILI_LAKE = (116.9075, 36.7100)
#: 席庄村 on the Yellow River bank at 吴家堡, the model village the zone names (placed as in landmarks.geojson).
XIZHUANG = (116.8402, 36.7224)

MEDICAL_CENTRE = [
    (116.8145, 36.7178), (116.8252, 36.7236), (116.8369, 36.7277), (116.8460, 36.7295),  # Yellow River
    (116.8560, 36.7220), (116.8720, 36.7275), (116.8900, 36.7315), (116.9045, 36.7315),  # G3, 绕城 north
    (116.9048, 36.7180), (116.9052, 36.7040),  # 腊山河西路北延 down to 小清河
    (116.8900, 36.7035), (116.8750, 36.7030), (116.8612, 36.7028),  # 小清河 west to G3
    (116.8645, 36.6800), (116.8660, 36.6650), (116.8685, 36.6520), (116.8740, 36.6400),  # G3 south
    (116.8810, 36.6280), (116.8860, 36.6190), (116.8880, 36.6120), (116.8700, 36.6100),  # past the edge
    *JINGHU_WEST[8:1:-1],  # the 京沪 (济西) railway back north to the Yellow River
]
SOE_HQ = [(116.8785, 36.6590), (116.9375, 36.6590), (116.9375, 36.6850), (116.8785, 36.6850)]
SHANGBU = [(116.9555, 36.6535), (116.9850, 36.6535), (116.9850, 36.6690), (116.9555, 36.6690)]
ECON_DEV_NORTH = [(116.8915, 36.7140), (116.9230, 36.7140), (116.9230, 36.7400), (116.8915, 36.7400)]
ECON_DEV_SOUTH = [(116.9440, 36.6300), (116.9575, 36.6300), (116.9575, 36.6525), (116.9470, 36.6525),
                  (116.9450, 36.6450)]
RURAL_WEST = [(116.7800, 36.6000), (116.8700, 36.6000), *JINGHU_WEST[8:0:-1], (116.8000, 36.7300),
              (116.7800, 36.7300)]
RURAL_NORTH = [(116.8460, 36.7295), (116.8560, 36.7220), (116.8720, 36.7275), (116.8900, 36.7315),
               (116.9050, 36.7315), (116.9210, 36.7290), (116.9300, 36.7280), (116.9300, 36.7600),
               (116.8400, 36.7600)]

ZONES: list[dict[str, Any]] = [
    {
        "id": "core-medical", "kind": "core", "name_zh": "济南国际医学科学中心",
        "name_en": "Jinan International Medical Science Center",
        "shape": {"polygons": [MEDICAL_CENTRE]},
        "placed": "hand-drawn from the centre's official limits (east 腊山河西路 north of 小清河 and 京台高速 G3 "
                  "south of it; west the 津浦/京沪 railway and 济西 yard; south 小清河 and the line with 市中区; north "
                  "the Yellow River and the ring expressway, cited as G35), all of them themselves hand-placed, "
                  "so edges may be off by several hundred metres; clipped to the district",
        "desc_zh": "“两核”之一：“高标准加快济南国际医学科学中心片区项目建设和产业优化布局，打造康养济南核心增长极”；“打造集“医教研产养服”六位一体、共生共荣的健康产业生态圈和“国际智慧医学城、绿色健康示范区、康养旅游示范基地””（第二章 三、）。",
        "desc_en": "One of the two cores: a province–city–district joint project to become the core growth "
                   "pole of health-care Jinan, with a six-in-one (care, education, research, industry, elderly "
                   "care, services) health-industry ecosystem.",
        # 第二章 三、: “以高端医疗服务、医疗设备、医学教育、新药研发等产业为重点”; 第四章 一、: “精准导入医疗服务、
        # 医疗健康大数据、高端医疗设备、健康养老、中医药产业、新药研发等医养健康产业”
        "industries": [("高端医疗服务", "High-end medical services"), ("医疗设备", "Medical equipment"),
                       ("医学教育", "Medical education"), ("新药研发", "New-drug R&D"),
                       ("医疗服务", "Medical services"), ("医疗健康大数据", "Health big data"),
                       ("高端医疗设备", "High-end medical equipment"), ("健康养老", "Health and elderly care"),
                       ("中医药产业", "Traditional Chinese medicine industry")],
        "carriers": [("国家健康医疗大数据中心（北方）", "National Health and Medical Big Data Center (North)"),
                     ("山东第一医科大学", "Shandong First Medical University"),
                     ("中科院微生物研究所齐鲁现代微生物技术研究院",
                      "Qilu Institute of Modern Microbial Technology (CAS Institute of Microbiology)"),
                     ("国家人类遗传资源共享服务平台山东创新中心",
                      "Shandong Innovation Center of the National Human Genetic Resources Sharing Platform"),
                     ("中国—奥地利中医药防治重大感染性疾病“一带一路”联合实验室",
                      "China–Austria Belt and Road Joint Laboratory on TCM against Major Infectious Diseases"),
                     ("国际传统医学防治重大感染性疾病联盟",
                      "International Alliance of Traditional Medicine against Major Infectious Diseases"),
                     # 第四章 一、: the 医疗硅谷引爆区 and its 高端引爆项目
                     ("医疗硅谷引爆区", "Medical Silicon Valley launch area"),
                     ("树兰（济南）国际医院", "Shulan (Jinan) International Hospital"),
                     ("山东大学国际医学中心", "Shandong University International Medical Center"),
                     ("山东大学高等医学研究院", "Shandong University Advanced Medical Research Institute"),
                     ("山东施尔明国际眼科与眼视光临床中心", "Shandong Shierming International Ophthalmology and Optometry Clinical Center")],
    },
    {
        "id": "core-soe-hq", "kind": "core", "name_zh": "央企总部城",
        "name_en": "Central SOE Headquarters City",
        "shape": {"polygons": [SOE_HQ]},
        "placed": "hand-drawn rectangle from just west of 济南西站 (the 高铁围合区) east to 二环西路, and from "
                  "about 36.659 N to 36.685 N around the 日照路–威海路 axis; the official extent is not known, "
                  "so the north and south edges are assumptions",
        "desc_zh": "“两核”之一：“积极承接北京非首都功能疏解，聚集高端资源和创新要素，做大做强做优总部经济、楼宇经济”；“建设现代化、国际化产业发展高地”（第二章 三、）。",
        "desc_en": "One of the two cores: takes functions moved out of Beijing, builds headquarters and "
                   "office-building economy, attracts head offices of multinationals and central SOEs.",
        "industries": [("总部经济", "Headquarters economy"), ("楼宇经济", "Office-building economy"),
                       ("研发设计", "R&D and design"), ("商务会展", "Business and exhibitions"),
                       ("现代金融", "Modern finance"), ("大数据", "Big data"),
                       ("人工智能", "Artificial intelligence"), ("工业互联网", "Industrial internet")],
        # 第四章 二、: the theme buildings and the headquarters projects it names
        "carriers": [("山东数字金融产业园", "Shandong Digital Finance Industrial Park"),
                     ("新动能产业服务基地", "New Growth Drivers Industry Service Base"),
                     ("中科高速孵化器", "Zhongke Gaosu incubator"),
                     ("中稷（济南）互联网产业总部基地", "Zhongji (Jinan) Internet Industry Headquarters Base")],
    },
    {
        "id": "district-shangbu", "kind": "district", "name_zh": "百年商埠历史文化区",
        "name_en": "Century-old Commercial Port Historic and Cultural District",
        "shape": {"polygons": [SHANGBU]},
        "placed": "hand-drawn over the 经/纬 grid of the old 商埠 from just west of 纬十二路 east to the "
                  "district line, and from the railway (经一路) south to about 经七路; clipped to the district",
        "desc_zh": "“三区”之一：“以彰显老城区活力和魅力为方向，促进区域有机更新”；“打造集文化旅游、时尚创意、特色商业等多种业态的百年商埠历史文化区”（第二章 三、）。",
        "desc_en": "One of the three districts: protects the old treaty-port heritage and renews the area "
                   "around 'one garden, twelve lanes' as a culture, fashion and retail district.",
        "industries": [("文化旅游", "Culture and tourism"), ("时尚创意", "Fashion and creative industries"),
                       ("特色商业", "Specialty retail"), ("现代金融", "Modern finance"),
                       ("餐饮住宿", "Catering and lodging"), ("体育健身", "Sports and fitness"),
                       ("家政服务", "Household services")],
        "carriers": [("“一园十二坊”传统风貌区", "'One garden, twelve lanes' traditional townscape area"),
                     ("宏济堂", "Hongjitang"),
                     ("阜成信棉花行东记西记旧址", "Former Fuchengxin cotton firm (east and west shops)"),
                     ("经四路基督教堂", "Jingsi Road Church"),
                     ("山东丰大银行旧址", "Former Shandong Fengda Bank"),
                     ("和谐商圈", "Hexie shopping area"), ("西市场商圈", "Xishichang shopping area")],
    },
    {
        "id": "district-econ-dev", "kind": "district", "name_zh": "济南槐荫经济开发区",
        "name_en": "Jinan Huaiyin Economic Development Zone",
        "shape": {"polygons": [ECON_DEV_NORTH, ECON_DEV_SOUTH]},
        "placed": "hand-drawn from the zone's published block limits (2023, after the plan): the main block "
                  "in the 美里湖–西沙 area between 齐鲁大道北延 and the 天桥区 line, from 济齐路 north to 美里北路 "
                  "(straddling the ring expressway), and a small block by 营市街 east of the 津浦 railway; the "
                  "2020 extent may differ and a third 137 ha block near 医学大道 is omitted",
        "desc_zh": "“三区”之一：“推动传统工业园区向高科技新区转型”；“将开发区打造成为全国新旧动能转换智能制造引领区”（第二章 三、）。",
        "desc_en": "One of the three districts: turns the old industrial park into a high-tech zone for "
                   "high-end equipment, semiconductors and modern services, and a national leader in "
                   "intelligent manufacturing.",
        # 第二章 三、: “高端装备制造产业、半导体产业、现代服务业”; 第四章 三、: “大力发展新材料、工业打印、精密仪器、
        # 卫品纸品智造等产业”, “以山东天岳、国晶电子为依托”
        "industries": [("高端装备制造", "High-end equipment manufacturing"), ("半导体", "Semiconductors"),
                       ("现代服务业", "Modern services"), ("新材料", "New materials"), ("工业打印", "Industrial printing"),
                       ("精密仪器", "Precision instruments"), ("卫品纸品智造", "Smart manufacturing of hygiene and paper products")],
        "carriers": [("山东德迈国际信息产业园", "Shandong Demai International Information Industry Park"),
                     ("济南宽禁带半导体产业小镇", "Jinan Wide-Bandgap Semiconductor Industry Town"),
                     ("山东天岳", "SICC (Shandong Tianyue)"), ("国晶电子", "Guojing Electronics")],
    },
    {
        "id": "district-rural-eco", "kind": "district", "name_zh": "乡村振兴生态区",
        "name_en": "Rural Revitalisation Ecological District",
        "shape": {"polygons": [RURAL_WEST, RURAL_NORTH], "circles": [(MEILI_LAKE, 600), (XIZHUANG, 600)]},
        "placed": "hand-drawn as the rural land west of the 京沪 (济西) railway to 玉符河 (玉清湖, 睦里, the "
                  "edge of 济西湿地) plus the strip between the Yellow River and the ring expressway, and "
                  "600 m circles at 美里湖 (the centre of its wetland polygon in water.geojson) and at 席庄村 (吴家堡), the "
                  "model village the plan names; clipped to the district",
        "desc_zh": "“三区”之一：“强化水韵、滨湖特色，提升城市生态颜值和品质”；“打造人与自然和谐宜居新典范”（第二章 三、）。",
        "desc_en": "One of the three districts: rivers, lakes and wetlands plus model villages for "
                   "suburban leisure, eco-tourism, health care, creative agriculture and farming experience.",
        "industries": [("城郊休闲", "Suburban leisure"), ("生态旅游", "Eco-tourism"),
                       ("医疗康养", "Health and wellness"), ("创意农业", "Creative agriculture"),
                       ("农耕体验", "Farming experience")],
        "carriers": [("济西国家湿地公园", "Jixi National Wetland Park"),
                     ("美里湖湿地公园", "Meili Lake Wetland Park"), ("玉符河", "Yufu River"),
                     ("小清河生态景观带", "Xiaoqing River ecological landscape belt"),
                     ("玉清湖", "Yuqing Lake"),
                     ("席庄村（齐鲁乡村振兴样板村）", "Xizhuang Village (Qilu rural revitalisation model village)")],
    },
    {
        "id": "belt-wei12", "kind": "belt", "name_zh": "纬十二路都市消费带",
        "name_en": "Wei 12th Road Urban Consumption Belt",
        "shape": {"buffer": ["road-wei12"], "half_width_m": 350},
        "placed": "corridor: 纬十二路 (hand-placed) buffered 350 m each side in EPSG:4548 and clipped to the district",
        "desc_zh": "“三纵”之一：“串联大型商业综合体及服务设施，提高集聚发展能力”；“打造济南西部都市消费带”（第二章 三、）。",
        "desc_en": "North–south belt linking large shopping complexes for trade, high-end consumption "
                   "and finance in western Jinan.",
        "industries": [("商务商贸", "Business and trade"), ("高端消费", "High-end consumption"),
                       ("现代金融", "Modern finance")],
        "carriers": [("和谐广场", "Hexie Plaza"), ("华联商厦", "Hualian Department Store"),
                     ("连城国际", "Liancheng International"), ("三箭和平广场", "Sanjian Heping Plaza"),
                     ("济南路港商业广场", "Jinan Lugang Commercial Plaza"),
                     ("绿地新城二期", "Greenland New City phase 2")],
    },
    {
        "id": "belt-erhuan-west", "kind": "belt", "name_zh": "二环西路隆起轴",
        "name_en": "West 2nd Ring Road Growth Axis",
        "shape": {"buffer": ["road-erhuan-west"], "half_width_m": 600, "circles": [(ZHANGLIU, 500)]},
        "placed": "corridor: 二环西路 (hand-placed) buffered 600 m each side in EPSG:4548, plus a 500 m circle at "
                  "张庄/刘庄 (east of the road), whose urban-village renewal the plan counts among the axis's supporting "
                  "projects; clipped to the district",
        "desc_zh": "“三纵”之一：“推进区内老旧市场提升改造，有序推动一般性制造业、传统市场的外迁，积极释放发展空间”；“打造辐射省会经济圈消费的产业隆起轴”（第二章 三、）。",
        "desc_en": "North–south axis for exhibitions, consumer logistics, finance and headquarters, "
                   "renewing old markets and urban villages.",
        "industries": [("商务会展", "Business and exhibitions"), ("消费物流", "Consumer logistics"),
                       ("现代金融", "Modern finance"), ("总部经济", "Headquarters economy")],
        "carriers": [("山东国际会展中心", "Shandong International Convention and Exhibition Center"),
                     ("宜家", "IKEA"), ("迪卡侬", "Decathlon"),
                     ("财富壹号时代广场", "Caifu No. 1 Times Square"),
                     ("匡山城中村改造", "Kuangshan urban-village redevelopment"),
                     ("张庄村刘庄村城中村改造", "Zhangzhuang and Liuzhuang urban-village redevelopment")],
    },
    {
        "id": "belt-yufu", "kind": "belt", "name_zh": "玉符河生态休闲带",
        "name_en": "Yufu River Ecological Leisure Belt",
        "shape": {"buffer": ["yufu-river"], "half_width_m": 1000},
        "placed": "corridor: 玉符河, traced along the district's western boundary (which follows the river "
                  "to its mouth at 北店子), buffered 1000 m in EPSG:4548 and clipped to the district",
        "desc_zh": "“三纵”之一：“筑牢生态本底，充分发挥玉符河、小清河、南水北调地上干渠水生态景观功能”；“打造蓝绿交融、功能复合的济西生态绿肺”（第二章 三、）。",
        "desc_en": "North–south green belt along the Yufu River for rural tourism, wellness, recreation, "
                   "nature education and sport.",
        "industries": [("乡村旅游", "Rural tourism"), ("医疗康养", "Health and wellness"),
                       ("休闲游憩", "Leisure and recreation"), ("自然教学", "Nature education"),
                       ("运动健身", "Sports and fitness")],
        "carriers": [("玉符河", "Yufu River"), ("小清河", "Xiaoqing River"),
                     ("南水北调地上干渠", "South–North Water Transfer elevated canal"),
                     ("康养小镇", "Wellness town"), ("田园综合体", "Rural complex"),
                     ("高效花卉苗木种植园", "High-efficiency flower and nursery plantation"),
                     ("现代休闲农业园", "Modern leisure-agriculture park")],
    },
    {
        "id": "axis-yellow-river", "kind": "axis", "name_zh": "沿黄旅游风情带",
        "name_en": "Yellow River Tourism Belt",
        "shape": {"buffer": ["yellow-river"], "half_width_m": 1500},
        "placed": "corridor: the Yellow River reach traced along the district's north-western boundary "
                  "(about 14 km), buffered 1500 m in EPSG:4548 and clipped to the district",
        "desc_zh": "“三横”之一：“以塑造“黄河旅游”整体品牌形象为引领，形成全市黄河生态风貌带的重要节点”；“打造传承黄河文化、展现生态景观、保障防洪安全的沿黄旅游风情带”（第二章 三、）。",
        "desc_en": "East–west belt along the Yellow River under the 'Yellow River tourism' brand, "
                   "combining culture, landscape and flood safety.",
        # The plan names “黄河旅游” as a brand (“以塑造“黄河旅游”整体品牌形象为引领”), no industries.
        "industries": [],
        "carriers": [("黄河千亩银杏林", "Yellow River thousand-mu ginkgo forest"),
                     ("泉城稻花香田园综合体", "Quancheng Daohuaxiang rural complex"),
                     ("黄河文化博览园", "Yellow River Culture Expo Park")],
    },
    {
        "id": "axis-cbd", "kind": "axis", "name_zh": "央企总部城中央商务轴",
        "name_en": "Central SOE Headquarters City Central Business Axis",
        "shape": {"buffer": ["cbd-axis"], "half_width_m": 450},
        "placed": "corridor: the east–west axis from 济南西站 through 文化中心 (一院三馆) and 中央公园 to "
                  "山东国际会展中心 at 二环西路 (the Line 6 alignment between 威海路 and 日照路), buffered 450 m "
                  "in EPSG:4548 and clipped to the district",
        "desc_zh": "“三横”之一：“强化高端研发、科创服务和人才集聚功能”；“形成新兴经济主导、双创活力迸发的TOD中央商务轴”（第二章 三、）。",
        "desc_en": "East–west transit-oriented business axis from Jinan West station to the exhibition "
                   "centre, built around Metro Line 6.",
        "industries": [("总部经济", "Headquarters economy"), ("智能科技", "Smart technology"),
                       ("新兴金融", "Emerging finance"), ("商务服务", "Business services")],
        "carriers": [("济南西站", "Jinan West railway station"), ("绿地齐鲁之门", "Greenland Gate of Qilu"),
                     ("一院三馆", "Grand theatre, library, art museum and mass art centre"),
                     ("中央公园", "Central Park"), ("济南远大购物广场", "Jinan Yuanda Shopping Plaza"),
                     ("山东国际会展中心二期", "Shandong International Convention and Exhibition Center phase 2")],
    },
    {
        "id": "axis-jingshi", "kind": "axis", "name_zh": "经十路城市发展景观轴",
        "name_en": "Jingshi Road Urban Development and Landscape Axis",
        "shape": {"buffer": ["road-jingshi", "road-jingshi-west"], "half_width_m": 500},
        "placed": "corridor: 经十路 and 经十西路 (hand-placed) buffered 500 m each side in EPSG:4548 and "
                  "clipped to the district",
        "desc_zh": "“三横”之一：“以生态化、景观化、智能化为导向，实施精品建设、精细化管理”；“打造展强省会特色、融泉城风貌、显“西兴”魅力的城市发展景观轴”（第二章 三、）。",
        "desc_en": "East–west axis: a flower-lined model boulevard with a metro-centred shopping area "
                   "around Jingshi and Wei 12th roads.",
        # “完善生产性服务业和生活设施配套”: the one industry the plan names for the axis
        "industries": [("生产性服务业", "Producer services")],
        "carriers": [("经十路花卉景观大道", "Jingshi Road flower boulevard"),
                     ("以经十路纬十二路为核心的地铁商业消费圈", "Metro shopping circle centred on Jingshi and Weishi'er roads"),
                     ("九阳总部及创意创新中心", "Joyoung headquarters and innovation centre"),
                     ("善能大厦", "Shanneng Building")],
    },
]

HELPER_LINES: dict[str, list[tuple[float, float]]] = {
    "yellow-river": YELLOW_RIVER,
    "yufu-river": YUFU_RIVER,
    "cbd-axis": CBD_AXIS,
    **{road["id"]: road["coords"] for road in ROADS},
}


# --- geometry helpers ------------------------------------------------------------------


def load_boundary(path: Path) -> BaseGeometry:
    """The district outline (WGS84)."""
    return make_valid(gpd.read_file(path).to_crs(WGS84).geometry.union_all())


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs=WGS84).to_crs(METRIC_CRS).iloc[0]


def to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs=METRIC_CRS).to_crs(WGS84).iloc[0]


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygon parts of a clip result, drop slivers, return a valid (Multi)Polygon."""
    geom = make_valid(geom)
    parts = getattr(geom, "geoms", [geom])
    polys = [p for p in parts if isinstance(p, Polygon)]
    polys += [q for p in parts if isinstance(p, MultiPolygon) for q in p.geoms]
    keep = [p for p in polys if to_metric(p).area >= MIN_PART_M2]
    merged = unary_union(keep).buffer(0)
    if merged.is_empty:
        raise ValueError("clipping left nothing inside the district")
    return merged


def zone_geometry(spec: dict[str, Any], boundary: BaseGeometry) -> BaseGeometry:
    """Build one zone: hand polygons, circles (m) and buffered lines, clipped to the district."""
    pieces: list[BaseGeometry] = [Polygon(ring) for ring in spec.get("polygons", [])]
    for (lon, lat), radius in spec.get("circles", []):
        pieces.append(to_wgs84(to_metric(Point(lon, lat)).buffer(radius)))
    if "buffer" in spec:
        lines = unary_union([to_metric(LineString(HELPER_LINES[name])) for name in spec["buffer"]])
        pieces.append(to_wgs84(lines.buffer(spec["half_width_m"])))
    return polygonal(unary_union([make_valid(p) for p in pieces]).intersection(boundary))


def inside_share(geom: BaseGeometry, boundary: BaseGeometry) -> float:
    """Share of a geometry's length (lines), area (polygons) or points inside the district."""
    if geom.geom_type in ("Point", "MultiPoint"):
        return 1.0 if boundary.covers(geom) else 0.0
    metric, inside = to_metric(geom), to_metric(geom.intersection(boundary))
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return inside.area / metric.area
    return inside.length / metric.length


# --- feature assembly --------------------------------------------------------------------


def common_properties(item: dict[str, Any], section: str, placed: str) -> dict[str, Any]:
    props = {
        "id": item["id"],
        "name_zh": item["name_zh"],
        "name_en": item["name_en"],
        "source": SECTIONS[section],
        "source_section": section,
        "geometry_quality": "approximate",
        "geometry_source": f"Approximate, {placed} (WGS84, from public descriptions and maps).",
    }
    if item.get("outside_note"):
        props["extends_beyond_district"] = True
        props["outside_note"] = item["outside_note"]
    return props


def feature(props: dict[str, Any], geom: BaseGeometry, boundary: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON feature; refuses geometry that leaves the district without an outside_note."""
    if not geom.is_valid or geom.is_empty:
        raise ValueError(f"{props['id']}: invalid or empty geometry")
    share = inside_share(geom, boundary)
    if not props.get("extends_beyond_district") and share < INSIDE_SHARE:
        raise ValueError(f"{props['id']}: only {share:.1%} inside the district and no outside_note")
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def status_properties(status: tuple[str, str | None, str | None] | None) -> dict[str, Any]:
    state, date, source = status or ("未知", None, None)
    return {"status": state, "status_date": date, "status_source": source}


def road_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out = []
    for road in ROADS:
        props = common_properties(road, road["section"], road["placed"])
        props |= {"road_class": road["road_class"], "description_zh": road["desc_zh"],
                  "description_en": road["desc_en"]}
        out.append(feature(props, LineString(road["coords"]), boundary))
    return out


def rail_line_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out = []
    for rail in RAIL_LINES:
        props = common_properties(rail, rail["section"], rail["placed"])
        props |= {"rail_kind": rail["rail_kind"], **status_properties(None),
                  "description_zh": rail["desc_zh"], "description_en": rail["desc_en"]}
        out.append(feature(props, LineString(rail["coords"]), boundary))
    return out


def rail_station_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out = []
    for station in RAIL_STATIONS:
        props = common_properties(station, station["section"], station["placed"])
        props |= {"description_zh": station["desc_zh"], "description_en": station["desc_en"]}
        out.append(feature(props, Point(station["coord"]), boundary))
    return out


def route_coords(route: list[Any]) -> list[tuple[float, float]]:
    return [(METRO_STATIONS[s][2], METRO_STATIONS[s][3]) if isinstance(s, str) else s for s in route]


def metro_line_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out = []
    for line in METRO_LINES:
        item = {"id": f"metro-{line['line']}", "name_zh": f"轨道交通{line['line']}号线",
                "name_en": f"Jinan Metro Line {line['line']}", "outside_note": line.get("outside_note")}
        props = common_properties(item, line["section"], line["placed"])
        props |= {"line": line["line"], **status_properties(line["status"]),
                  "description_zh": line["desc_zh"], "description_en": line["desc_en"]}
        out.append(feature(props, LineString(route_coords(line["route"])), boundary))
    return out


def station_lines() -> dict[str, list[str]]:
    served: dict[str, list[str]] = {key: [] for key in METRO_STATIONS}
    for line in METRO_LINES:
        for stop in line["route"]:
            if isinstance(stop, str):
                served[stop].append(line["line"])
    return served


def metro_station_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out, served = [], station_lines()
    first_line = {line["line"]: line for line in METRO_LINES}
    for key, (name_zh, name_en, lon, lat, construction, outside) in METRO_STATIONS.items():
        lines = served[key]
        if not lines:
            raise ValueError(f"station {key} is on no line")
        main = first_line[lines[0]]
        full_en = name_en if name_en.lower().endswith("station") else f"{name_en} station"
        item = {"id": f"st-{key}", "name_zh": name_zh, "name_en": full_en, "outside_note": outside}
        placed = f"station placed by hand on Line {'/'.join(lines)} in the published station order"
        props = common_properties(item, main["section"], placed)
        props |= {"lines": lines, "construction_name_zh": construction,
                  "description_zh": f"轨道交通{'、'.join(lines)}号线车站。",
                  "description_en": f"Station on Metro Line {', '.join(lines)}."}
        out.append(feature(props, Point(lon, lat), boundary))
    return out


def zone_features(boundary: BaseGeometry) -> list[dict[str, Any]]:
    out = []
    for zone in ZONES:
        props = common_properties(zone, "ch2-3", zone["placed"])
        props |= {
            "kind": zone["kind"],
            "description_zh": zone["desc_zh"],
            "description_en": zone["desc_en"],
            "industries_zh": [zh for zh, _ in zone["industries"]],
            "industries_en": [en for _, en in zone["industries"]],
            "carriers_zh": [zh for zh, _ in zone["carriers"]],
            "carriers_en": [en for _, en in zone["carriers"]],
        }
        out.append(feature(props, zone_geometry(zone["shape"], boundary), boundary))
    return out


LAYERS = {
    "zones.geojson": zone_features,
    "roads.geojson": road_features,
    "rail_lines.geojson": rail_line_features,
    "rail_stations.geojson": rail_station_features,
    "metro_lines.geojson": metro_line_features,
    "metro_stations.geojson": metro_station_features,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "geodata", help="folder to write into")
    parser.add_argument("--boundary", type=Path, default=ROOT / "geodata" / "boundary.geojson")
    args = parser.parse_args(argv)
    boundary = load_boundary(args.boundary)
    for name, build in LAYERS.items():
        features = build(boundary)
        write_feature_collection(args.output / name, features)
        print(f"wrote {args.output / name}: {len(features)} features")
        if name == "zones.geojson":
            for f in features:
                area_ha = to_metric(shape(f["geometry"])).area / 1e4
                print(f"  {f['properties']['id']:20s} {area_ha:9.1f} ha")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
