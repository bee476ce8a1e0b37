"""Build geodata/landmarks.geojson: the existing places the plan names as carriers of its zones and axes.

Usage::

    python scripts/build_landmarks.py [-o geodata/landmarks.geojson]

Run it after ``build_zones_transport.py`` and ``build_ecology_heritage.py``: places on a road are put on that
road's line in ``roads.geojson``, and a place that is an existing river or park feature refers to it.

The table below is the data. Each landmark keeps the plan's sentence naming it (``source_quote``, verbatim),
its section, the zones the plan puts it in (``zone_ids_stated``, with the sentence that says so in
``zone_stated_source``; empty when the plan names no zone) and, where the plan states a completion
(“建成”, “投入使用”, “首期运行”, “全面建成”), status 竣工 with the sentence quoted in ``status_source``.
These are not projects: the plan describes them as existing (龙头, 依托, 重点支撑项目) or reports them
as built in the 13th plan period. Positions are estimates (``geometry_quality: approximate``); where a
site is not known to us, the ``geometry_source`` says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planning.model import LANDMARK_KINDS, UNKNOWN_STATUS  # noqa: E402
from planning.storage import write_feature_collection  # noqa: E402
from scripts.build_projects import ANCHORS, near, section_of_line  # noqa: E402

ROWS: list[dict[str, Any]] = []

#: Zone sentences of 第二章 三、 (line numbers of the seed text), quoted in ``zone_stated_source``.
ZONE_SENTENCES: dict[str, tuple[int, str]] = {
    "belt-wei12": (303, "发挥和谐广场、华联商厦、连城国际、三箭和平广场、济南路港商业广场、绿地新城二期等龙头作用"),
    "belt-erhuan-west": (305, "依托山东国际会展中心、宜家、迪卡侬、财富壹号时代广场等重点支撑项目"),
    "district-shangbu": (293, "提升和谐商圈、西市场商圈时尚气质"),
    "district-shangbu-park": (291, "围绕“一园十二坊”传统风貌区建设规划"),
    "core-medical": (283, "充分发挥国家健康医疗大数据中心（北方）作用"),
    "core-medical-univ": (285, "依托山东第一医科大学、中科院微生物研究所齐鲁现代微生物技术研究院、国家人类遗传资源共享服务平台山东创新中心等平台"),
    "axis-cbd": (315, "串联济南西站、绿地齐鲁之门、一院三馆、中央公园、济南远大购物广场、山东国际会展中心二期等重要载体"),
    "axis-jingshi": (317, "构建以经十路纬十二路为核心的地铁商业消费圈"),
    "axis-yellow-river": (313, "整合黄河千亩银杏林、泉城稻花香田园综合体、黄河文化博览园等景点"),
    "district-rural-eco": (297, "发挥席庄村齐鲁乡村振兴样板村的示范引领作用"),
    "district-econ-dev": (102, "济南槐荫经济开发区重要增长极地位日益凸显，济南宽禁带半导体产业小镇加快建设，侨梦苑、新侨创新创业基地获批中国侨联新侨创新创业基地"),
    "district-econ-dev-demai": (295, "高水平建设山东德迈国际信息产业园、济南宽禁带半导体产业小镇等项目"),
    "district-econ-dev-town": (397, "加快推进济南宽禁带半导体产业小镇建设，以山东天岳、国晶电子为依托"),
}


def L(  # noqa: N802, PLR0913 - a table row, like P() in build_projects
    lid: str,
    name_zh: str,
    name_en: str,
    kind: str,
    *,
    line: int,
    quote: str,
    where: str,
    at: tuple[str, float, float] | None = None,
    road: tuple[str, float, float] | None = None,
    ref: tuple[str, str] | None = None,
    zones: tuple[str, ...] = (),
    zone_key: str | None = None,
    done: tuple[int, str] | None = None,
    zh: str,
    en: str,
) -> None:
    """One landmark: ``at`` = (anchor, east m, north m); ``road`` = (road id, latitude, east offset m)."""
    ROWS.append({"id": lid, "name_zh": name_zh, "name_en": name_en, "kind": kind, "line": line, "quote": quote,
                 "where": where, "at": at, "road": road, "ref": ref, "zones": zones,
                 "zone_key": zone_key or (zones[0] if zones else None), "done": done, "zh": zh, "en": en})


ON_WEI12 = "on 纬十二路 (roads.geojson), the belt the plan names it on; its position along the road is not known to us"
ON_ERHUAN = "on 二环西路 (roads.geojson), the axis the plan names it on; its position along the road is estimated"
UNSITED = "the plan states no site and none is known to us: shown at " + ANCHORS["unsited"][2]

# ---- 纬十二路都市消费带 (第二章 三、) ------------------------------------------------------------
for i, (lid, zh_name, en_name, lat) in enumerate([
    ("lm-hexie-plaza", "和谐广场", "Hexie Plaza", 36.6500),
    ("lm-hualian-store", "华联商厦", "Hualian Department Store", 36.6525),
    ("lm-liancheng-intl", "连城国际", "Liancheng International", 36.6550),
    ("lm-sanjian-heping-plaza", "三箭和平广场", "Sanjian Heping Plaza", 36.6575),
    ("lm-lugang-plaza", "济南路港商业广场", "Jinan Lugang Commercial Plaza", 36.6600),
    ("lm-greenland-xincheng-2", "绿地新城二期", "Greenland New City phase 2", 36.6625),
]):
    L(lid, zh_name, en_name, "商业综合体", line=303, quote=ZONE_SENTENCES["belt-wei12"][1], where=ON_WEI12,
      road=("road-wei12", lat, 60.0 if i % 2 else -60.0), zones=("belt-wei12",),
      zh="纬十二路都市消费带的龙头商业综合体。", en="A leading commercial complex of the Weishi'er Road consumption belt.")

# ---- 二环西路隆起轴 -------------------------------------------------------------------------------
for lid, zh_name, en_name, lat in [
    ("lm-ikea", "宜家", "IKEA", 36.6610),
    ("lm-decathlon", "迪卡侬", "Decathlon", 36.6640),
    ("lm-fortune-one-times-square", "财富壹号时代广场", "Caifu No. 1 Times Square", 36.6545),
]:
    L(lid, zh_name, en_name, "商业综合体", line=305, quote=ZONE_SENTENCES["belt-erhuan-west"][1], where=ON_ERHUAN,
      road=("road-erhuan-west", lat, -120.0), zones=("belt-erhuan-west",),
      zh="二环西路隆起轴的重点支撑项目。", en="A key existing carrier of the 2nd Ring Road West growth axis.")
L("lm-metro-cash-carry", "麦德龙", "METRO Cash & Carry", "商业综合体", line=405,
  quote="宜家、麦德龙、迪卡侬为依托，打造全省一站式购物中心", road=("road-erhuan-west", 36.6505, -150.0),
  where="the plan names no zone or site; placed on 二环西路 near 经十路 with 宜家 and 迪卡侬, which the same sentence "
        "groups it with; uncertain",
  zh="与宜家、迪卡侬一起作为全省一站式购物中心的依托。", en="With IKEA and Decathlon, a base of the one-stop shopping cluster.")

# ---- 百年商埠历史文化区 -------------------------------------------------------------------------------
L("lm-yiyuan-shierfang", "一园十二坊", "One park, twelve lanes (traditional-style area)", "历史街区", line=291,
  quote=ZONE_SENTENCES["district-shangbu-park"][1], at=("shangbu", -150, 100), zones=("district-shangbu",),
  zone_key="district-shangbu-park",
  where="a representative point of the 槐荫 part of the old commercial port; the area's limits are not drawn",
  zh="老商埠传统风貌区建设规划的核心。", en="The traditional-style area at the heart of the old port's renewal plan.")
L("lm-hexie-shopping-district", "和谐商圈", "Hexie shopping district", "商圈", line=293,
  quote=ZONE_SENTENCES["district-shangbu"][1], at=("wei12", 250, 350), zones=("district-shangbu",),
  where="placed east of 纬十二路 north of 经十路 around 和谐广场, where 第二章 三、 puts it in the 百年商埠历史文化区; "
        "the district's limits are approximate",
  zh="百年商埠历史文化区的商圈，规划提升其时尚气质。", en="A shopping district of the old-port area the plan wants made more fashionable.")
L("lm-xishichang-shopping-district", "西市场商圈", "Xishichang shopping district", "商圈", line=293,
  quote=ZONE_SENTENCES["district-shangbu"][1], at=("xishichang", 0, 0), zones=("district-shangbu",),
  where="placed at " + ANCHORS["xishichang"][2],
  zh="百年商埠历史文化区的商圈，规划提升其时尚气质。", en="A shopping district of the old-port area the plan wants made more fashionable.")

# ---- 济南国际医学科学中心 ----------------------------------------------------------------------------
L("lm-health-bigdata-center", "国家健康医疗大数据中心（北方）", "National Health and Medical Big Data Center (North)", "已建成项目",
  line=283, quote=ZONE_SENTENCES["core-medical"][1], at=("med", 950, -600), zones=("core-medical",),
  done=(102, "国家健康医疗大数据中心（北方）首期运行"),
  where="placed in 济南国际医学科学中心 next to the 专栏9 bus hub named after it; exact site estimated",
  zh="“十三五”期间首期运行；打造北方地区医疗健康“最强大脑”。", en="Phase 1 in operation in the 13th plan period; the north's health-data centre.")
L("lm-sd-first-medical-univ", "山东第一医科大学", "Shandong First Medical University", "高校", line=285,
  quote=ZONE_SENTENCES["core-medical-univ"][1], at=("med", 400, -500), zones=("core-medical",), zone_key="core-medical-univ",
  done=(102, "山东第一医科大学建成招生"),
  where="placed north of the west end of 青岛路 (its south gate) in 济南国际医学科学中心, per the geography note that "
        "the campus straddles 青岛路; a representative point of a large campus",
  zh="“十三五”期间建成招生，医学科学中心科研创新平台的依托。", en="Built and enrolling in the 13th plan period; a base of the centre's research.")

# ---- culture, on and near the 中央商务轴 ------------------------------------------------------------------
L("lm-grand-theatre", "省会大剧院", "Provincial Capital Grand Theatre", "文化设施", line=635,
  quote="充分利用省文联、省科技馆新馆、省会大剧院、济南市三馆优势资源，打造国内一流科技文化集聚片区",
  at=("culture", -150, 50), zones=("axis-cbd",),
  where="placed in the 省会文化艺术中心 (“一院三馆”, 一院 = the theatre) " + ANCHORS["culture"][2],
  zh="“一院三馆”之“一院”，位于央企总部城中央商务轴（第二章 三、“一院三馆”）。", en="The theatre of the 'one theatre, three museums' cluster on the central business axis.")
L("lm-three-museums", "济南市三馆", "Jinan's three museums (library, art museum, mass-art centre)", "文化设施", line=635,
  quote="充分利用省文联、省科技馆新馆、省会大剧院、济南市三馆优势资源，打造国内一流科技文化集聚片区",
  at=("culture", 150, -50), zones=("axis-cbd",),
  where="placed in the 省会文化艺术中心 " + ANCHORS["culture"][2] + "; the phase-2 project is in projects.geojson",
  zh="“一院三馆”之“三馆”，位于央企总部城中央商务轴（第二章 三、“一院三馆”）。", en="The three museums of the cluster on the central business axis.")
L("lm-science-museum", "省科技馆新馆", "New Shandong Science and Technology Museum", "文化设施", line=219,
  quote="依托“一院三馆”、省科技馆新馆文化设施集群", at=("laishanhe", 700, 900),
  where="placed south of 日照路 and east of 腊山河, per the geography note; position estimated",
  zh="与“一院三馆”共同组成文化设施集群。", en="Part of the cultural cluster with the theatre and the three museums.")
L("lm-provincial-arts-federation", "省文联", "Shandong Federation of Literary and Art Circles", "文化设施", line=635,
  quote="充分利用省文联、省科技馆新馆、省会大剧院、济南市三馆优势资源，打造国内一流科技文化集聚片区",
  at=("culture", 0, -350),
  where="the plan names no site; placed with the 省会文化艺术中心, the 科技文化集聚片区 of the same sentence; uncertain",
  zh="科技文化集聚片区的优势资源之一。", en="One of the assets of the science-and-culture cluster.")
L("lm-jingshi-wei12-metro-circle", "以经十路纬十二路为核心的地铁商业消费圈", "Jingshi Road / Weishi'er Road metro shopping circle", "商圈",
  line=317, quote=ZONE_SENTENCES["axis-jingshi"][1], road=("road-wei12", 36.6490, 0.0), zones=("axis-jingshi",),
  where="placed at the 经十路/纬十二路 junction, the core the plan names; the circle's extent is not stated",
  zh="经十路城市发展景观轴的核心消费圈。", en="The shopping circle at the heart of the Jingshi Road axis.")

# ---- hospitals (第一章 三、) --------------------------------------------------------------------------
HOSPITALS = "聚集了省立医院、省肿瘤医院、省皮肤科医院、齐鲁儿童医院等知名大型综合性医院和专科医院"
L("lm-sd-cancer-hospital", "省肿瘤医院", "Shandong Cancer Hospital", "医院", line=153, quote=HOSPITALS,
  at=("duandian", 250, 250), where="the site is not known to us; placed north of 经十路 near 段店 (the hospital is in 槐荫区, whose line runs along 经十路 here); uncertain",
  zh="区内知名专科医院。", en="A well-known specialist hospital in the district.")
L("lm-sd-cancer-hospital-west-ward", "山东省肿瘤医院西区新病房综合楼", "New ward building, west campus of Shandong Cancer Hospital",
  "已建成项目", line=102, quote="山东省肿瘤医院西区新病房综合楼投入使用", at=("duandian", 450, 400),
  done=(102, "山东省肿瘤医院西区新病房综合楼投入使用"),
  where="placed next to 省肿瘤医院; the west campus's own site is not known to us; uncertain",
  zh="“十三五”期间投入使用。", en="Opened in the 13th plan period.")
L("lm-sd-dermatology-hospital", "省皮肤科医院", "Shandong Dermatology Hospital", "医院", line=153, quote=HOSPITALS,
  at=("nanxin", -600, -250), where="the site is not known to us; placed in the older built-up east on 经十路; uncertain",
  zh="区内知名专科医院。", en="A well-known specialist hospital in the district.")
L("lm-qilu-childrens-hospital", "齐鲁儿童医院", "Qilu Children's Hospital", "医院", line=153, quote=HOSPITALS,
  at=("duandian", -500, -200), where="the site is not known to us; placed on 经十路 near 段店; uncertain",
  zh="区内知名专科医院。", en="A well-known specialist hospital in the district.")

# ---- tourism ------------------------------------------------------------------------------------------
L("lm-fantawild", "方特·东方神画", "Fantawild Oriental Legend", "景区", line=102,
  quote="方特·东方神画被评为国家4A级旅游景区", at=("fangte", 0, 0), where="placed at " + ANCHORS["fangte"][2],
  zh="国家4A级旅游景区（“十三五”期间评定）；方特二期见项目图层。", en="A national 4A scenic area (rated in the 13th plan period).")
L("lm-impression-jinan", "印象济南·泉世界", "Impression Jinan · Spring World", "景区", line=401,
  quote="引导培育印象济南·泉世界、济西高科都市农庄打造 4A 级景区", at=("laishanhe", -600, -250),
  where="the site is not known to us; placed on 经十路 west of 腊山河; uncertain",
  zh="国家3A级旅游景区（“十三五”期间评定）；规划引导其打造4A级景区。", en="A 3A scenic area the plan wants raised to 4A.")
L("lm-jixi-gaoke-farm", "济西高科都市农庄", "Jixi Gaoke urban farm", "景区", line=401,
  quote="引导培育印象济南·泉世界、济西高科都市农庄打造 4A 级景区", at=("yufuhe", 1400, 600),
  where="the site is not known to us; placed in the rural west near 玉符河 and 济西 wetland from the name; uncertain",
  zh="规划引导其打造4A级景区。", en="An urban farm the plan wants raised to a 4A scenic area.")
L("lm-saishi-rose-garden", "赛石玫瑰园", "Saishi rose garden", "景区", line=521,
  quote="在黄河、玉清湖、济西湿地与泉城稻花香田园综合体赛石玫瑰园交汇处", at=("daohuaxiang", -250, 300),
  where="placed in the 泉城稻花香田园综合体 where 第六章 二、 puts it, at the meeting of the Yellow River, 玉清湖 and "
        "the 济西 wetland; position estimated",
  zh="泉城稻花香田园综合体的一部分。", en="Part of the Daohuaxiang pastoral complex.")
L("lm-qinqiong-hometown", "“秦琼故里”", "Hometown of Qin Qiong", "历史文化", line=159,
  quote="祝阿古城遗址、“秦琼故里”彰显了深厚的历史人文底蕴", at=("unsited", 0, 900),
  where=UNSITED,
  zh="彰显历史人文底蕴的地名。", en="A historic place name the plan cites.")
L("lm-yellow-river-culture-expo-park", "黄河文化博览园", "Yellow River Culture Expo Park", "景区", line=313,
  quote=ZONE_SENTENCES["axis-yellow-river"][1], at=("wujiapu", 800, 300), zones=("axis-yellow-river",),
  where="the site is not known to us; placed on the 沿黄旅游风情带 the plan names it on, near 吴家堡; uncertain",
  zh="沿黄旅游风情带整合的景点之一。", en="One of the sights the Yellow River tourism belt links up.")

# ---- built in the 13th plan period ----------------------------------------------------------------------
L("lm-huaiyin-smart-brain", "槐荫智脑中心", "Huaiyin Smart Brain centre", "已建成项目", line=106, quote="建成槐荫智脑中心",
  at=("unsited", 300, 900), done=(106, "建成槐荫智脑中心"), where=UNSITED,
  zh="“十三五”期间建成；规划依托它建设全区统一的应急救援指挥中心。", en="Built in the 13th plan period; the district's command centre will build on it.")
L("lm-laishan-water-plant", "腊山水质净化厂", "Laishan water purification plant", "已建成项目", line=106,
  quote="兴济河生态综合治理、腊山水质净化厂项目全面建成", at=("unsited", -300, 900),
  done=(106, "兴济河生态综合治理、腊山水质净化厂项目全面建成"), where=UNSITED,
  zh="“十三五”期间全面建成。", en="Completed in the 13th plan period.")
L("lm-xingji-river-restoration", "兴济河生态综合治理", "Ecological restoration of the Xingji River", "已建成项目", line=106,
  quote="兴济河生态综合治理、腊山水质净化厂项目全面建成", ref=("water", "river-xingji"),
  done=(106, "兴济河生态综合治理、腊山水质净化厂项目全面建成"),
  where="the line of 兴济河 in water.geojson (shared geometry: the works are the river's restoration)",
  zh="“十三五”期间全面建成。", en="Completed in the 13th plan period.")
L("lm-jinan-polytechnic-campus", "济南理工中等职业学校新校区", "New campus of Jinan Polytechnic Secondary Vocational School",
  "已建成项目", line=116, quote="济南理工中等职业学校新校区投入使用", at=("unsited", 0, 1500),
  done=(116, "济南理工中等职业学校新校区投入使用"), where=UNSITED,
  zh="“十三五”期间投入使用。", en="Opened in the 13th plan period.")
L("lm-cross-border-ecommerce-town", "全市首家跨境电商小镇", "Cross-border e-commerce town (the city's first)", "已建成项目",
  line=110, quote="外贸新业态不断涌现，全市首家跨境电商小镇项目落地运营", at=("unsited", 300, 1500),
  done=(110, "全市首家跨境电商小镇项目落地运营"), where=UNSITED,
  zh="“十三五”期间落地运营。", en="Opened in the 13th plan period.")
L("lm-qiaomengyuan", "侨梦苑", "Qiaomengyuan (overseas-Chinese innovation park)", "园区", line=102,
  quote=ZONE_SENTENCES["district-econ-dev"][1], at=("econ_dev", 250, 400), zones=("district-econ-dev",),
  where="placed in 济南槐荫经济开发区, the subject of the sentence that names it; site estimated",
  zh="获批中国侨联新侨创新创业基地。", en="Recognised as a new overseas-Chinese innovation base.")
L("lm-xizhuang-village", "席庄村", "Xizhuang village", "村庄", line=297, quote=ZONE_SENTENCES["district-rural-eco"][1],
  at=("wujiapu", -700, 150), zones=("district-rural-eco",),
  where="placed near 吴家堡 on the Yellow River bank, where 第五章 一、 names “吴家堡席庄村周边区段”; position estimated",
  zh="“十三五”期间建成的齐鲁乡村振兴样板村之一。", en="One of the model villages of rural revitalisation.")

L("lm-demai-it-park", "山东德迈国际信息产业园", "Shandong Demai International Information Industry Park", "园区", line=295,
  quote="高水平建设山东德迈国际信息产业园、济南宽禁带半导体产业小镇等项目", at=("econ_dev", 350, 150),
  zones=("district-econ-dev",), zone_key="district-econ-dev-demai",
  where="placed in 济南槐荫经济开发区 next to its phase 2–3 project (projects.geojson); the park's site is estimated",
  zh="开发区的双创载体；二期、三期见项目图层。", en="An innovation park of the development zone; phases 2 and 3 are projects.")

# ---- enterprises the 宽禁带半导体产业小镇 is based on ------------------------------------------------------
for lid, zh_name, en_name, east, north in [("lm-sicc", "山东天岳", "SICC (Shandong Tianyue)", -450, 0),
                                           ("lm-guojing", "国晶电子", "Guojing Electronics", -550, 350)]:
    L(lid, zh_name, en_name, "企业", line=397, quote=ZONE_SENTENCES["district-econ-dev-town"][1],
      at=("econ_dev", east, north), zones=("district-econ-dev",), zone_key="district-econ-dev-town",
      where="placed in the 宽禁带半导体产业小镇 of 济南槐荫经济开发区 (第二章 三、); the plant's site is estimated",
      zh="济南宽禁带半导体产业小镇的依托企业。", en="A firm the wide-bandgap semiconductor town is built on.")


def road_point(roads: dict[str, Any], road_id: str, lat: float, east_m: float) -> dict[str, Any]:
    """The point of a north–south road at a latitude, ``east_m`` metres east of the line."""
    line = shape(roads[road_id]["geometry"])
    minx, _, maxx, _ = line.bounds
    hit = line.intersection(LineString([(minx - 0.01, lat), (maxx + 0.01, lat)]))
    if hit.is_empty:
        msg = f"{road_id} does not reach latitude {lat}"
        raise ValueError(msg)
    point = hit if hit.geom_type == "Point" else list(hit.geoms)[0]
    lon = point.x + east_m / (111_320.0 * 0.8026)  # cos(36.65°)
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def zone_source(row: dict[str, Any]) -> str | None:
    """The sentence that puts the landmark in its zone(s), quoted with its section and line."""
    if not row["zones"]:
        return None
    line_no, sentence = ZONE_SENTENCES[row["zone_key"]]
    return f"{section_of_line(line_no)[1]} (line {line_no}): “{sentence}”"


def feature(row: dict[str, Any], layers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    sid, ref, title = section_of_line(row["line"])
    if row["kind"] not in LANDMARK_KINDS:
        msg = f"{row['id']}: unknown kind {row['kind']}"
        raise ValueError(msg)
    if row["ref"]:
        layer, fid = row["ref"]
        geometry = layers[layer][fid]["geometry"]
    elif row["road"]:
        geometry = road_point(layers["roads"], *row["road"])
    else:
        geometry = near(*row["at"])
        geometry["coordinates"] = [round(c, 6) for c in geometry["coordinates"]]
    status: dict[str, Any] = {"status": UNKNOWN_STATUS, "status_date": None, "status_source": None}
    if row["done"]:
        line_no, quote = row["done"]
        status = {"status": "竣工", "status_date": "2020", "status_source": f"{section_of_line(line_no)[1]} (line {line_no}): “{quote}”"}
    props = {
        "id": row["id"], "name_zh": row["name_zh"], "name_en": row["name_en"], "kind": row["kind"],
        "source": f"{title} (line {row['line']})", "source_section": sid, "source_quote": row["quote"],
        "zone_ids_stated": list(row["zones"]), "zone_stated_source": zone_source(row), **status,
        "refers_to": {"layer": row["ref"][0], "id": row["ref"][1]} if row["ref"] else None,
        "on_road_ids": [row["road"][0]] if row["road"] else [],
        "geometry_quality": "approximate", "geometry_source": row["where"],
        "description_zh": row["zh"], "description_en": row["en"],
    }
    return {"type": "Feature", "properties": props, "geometry": geometry}


def read_layers(folder: Path) -> dict[str, dict[str, Any]]:
    layers = {}
    for layer in ("roads", "water"):
        doc = json.loads((folder / f"{layer}.geojson").read_text(encoding="utf-8"))
        layers[layer] = {f["properties"]["id"]: f for f in doc["features"]}
    return layers


def build(folder: Path = ROOT / "geodata") -> list[dict[str, Any]]:
    ids = [r["id"] for r in ROWS]
    if len(set(ids)) != len(ids):
        msg = "duplicate landmark ids"
        raise ValueError(msg)
    layers = read_layers(folder)
    return [feature(r, layers) for r in ROWS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "geodata" / "landmarks.geojson")
    args = parser.parse_args(argv)
    features = build(args.output.parent)
    write_feature_collection(args.output, features)
    print(f"wrote {args.output} ({len(features)} landmarks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
