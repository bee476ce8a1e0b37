"""Build geodata/water.geojson, parks.geojson and heritage.geojson from hand-placed coordinates.

Usage::

    python scripts/build_ecology_heritage.py            # writes into geodata/
    python scripts/build_ecology_heritage.py -o /tmp/x  # writes elsewhere

Every coordinate below is WGS84 longitude/latitude placed by hand from public
descriptions of Jinan's geography (street addresses, the rivers' known
courses, news reports on the sites) and the district outline in
``geodata/boundary.geojson``. None of it is surveyed: positions are
approximate, typically to a few hundred metres, and every feature says how it
was placed in ``geometry_source``. Names (``name_zh``) are the plan's own
words; ``source`` cites the line of ``geodata/plan_outline.txt`` where the
feature is named.

Features the plan names but that could not be placed honestly are left out
rather than guessed: 黄河文化博览园 (第二章 三, line 313; no public location
found) and “秦琼故里” (第一章 三, line 159; no site in the district is known).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planning.storage import write_feature_collection  # noqa: E402

# --------------------------------------------------------------------------
# The plan's sections cited below (ids as in planning.outline)
# --------------------------------------------------------------------------

SECTIONS = {
    "ch1-1-5": "第一章 一、发展基础 （五）社会民生取得新成效",
    "ch1-3": "第一章 三、发展优势",
    "ch2-2-2": "第二章 二、目标愿景 （二）“十四五”时期发展目标",
    "ch2-3": "第二章 三、空间布局",
    "ch5-1": "第五章 一、深入落实黄河流域生态保护和高质量发展战略",
    "ch6-1": "第六章 一、加快推进精品城区建设",
    "ch6-2": "第六章 二、扎实推进乡村全面振兴",
    "ch6-5": "第六章 五、推动城区绿色低碳发展",
    "box9": "专栏9 城市基础设施重点工程",
}

BY_HAND = "placed by hand (approximate) from public descriptions of Jinan's geography"

# --------------------------------------------------------------------------
# water.geojson: rivers and the canal as LineStrings in flow direction,
# the reservoir and wetlands as polygons
# --------------------------------------------------------------------------

WATER: list[dict[str, Any]] = [
    {
        "id": "river-yellow",
        "name_zh": "黄河",
        "name_en": "Yellow River",
        "kind": "river",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.7700, 36.6880), (116.7820, 36.6945), (116.7900, 36.6985),
            (116.7938, 36.7004), (116.7935, 36.7020), (116.7941, 36.7044),
            (116.7959, 36.7070), (116.8039, 36.7135), (116.8245, 36.7245),
            (116.8314, 36.7274), (116.8366, 36.7287), (116.8439, 36.7298),
            (116.8508, 36.7304), (116.8557, 36.7312), (116.8575, 36.7320),
            (116.8675, 36.7405), (116.8702, 36.7416), (116.8758, 36.7449),
            (116.8810, 36.7465), (116.8880, 36.7470), (116.9059, 36.7457),
            (116.9118, 36.7450), (116.9159, 36.7440), (116.9223, 36.7408),
            (116.9300, 36.7385), (116.9420, 36.7370),
        ],
        "placed": (
            "channel centreline traced by hand about 120 m north-west of the district's north-western "
            "edge in geodata/boundary.geojson (the district line follows the river there), from the "
            "玉符河 mouth at 北店子 to the district's north-eastern corner; extended by hand about 2 km "
            "upstream (长清区) and 2 km downstream (天桥区); approximate"
        ),
        "desc_zh": "长度约14.25公里的黄河河道，构成槐荫区西北边界",
        "desc_en": "The Yellow River: its reach of about 14.25 km forms the district's north-western edge.",
        "outside": (
            "The district line follows the channel, so the centreline lies on or just outside the outline "
            "(the far bank is 齐河县); the river comes from 长清区 and continues into 天桥区."
        ),
    },
    {
        "id": "river-yufu",
        "name_zh": "玉符河",
        "name_en": "Yufu River",
        "kind": "river",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.8280, 36.6120), (116.8240, 36.6220), (116.8180, 36.6320),
            (116.8150, 36.6410), (116.8125, 36.6520), (116.8120, 36.6630),
            (116.8140, 36.6720), (116.8155, 36.6780), (116.8120, 36.6826),
            (116.8087, 36.6838), (116.8020, 36.6910), (116.7960, 36.6985),
            (116.7940, 36.7002),
        ],
        "placed": (
            "by hand: enters from the south, passes east of 古城村 (祝阿古城遗址) and under the 经十西路 "
            "bridge at 周王庄 (玉符河石桥 just upstream), then follows the district's western edge past "
            "睦里 to its mouth on the Yellow River at 北店子; approximate"
        ),
        "desc_zh": "济南最大的季节性山洪河道，自南向北经区西部于北店子入黄河",
        "desc_en": "Jinan's largest seasonal flood channel; flows north along the west of the district into the Yellow River at Beidianzi.",
        "outside": (
            "Comes from 卧虎山水库 through 市中区/长清区 in the south; from 睦里 to its mouth the district "
            "line follows the channel, so that stretch lies on the outline."
        ),
    },
    {
        "id": "river-xiaoqing",
        "name_zh": "小清河",
        "name_en": "Xiaoqing River",
        "kind": "river",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.8165, 36.6815), (116.8300, 36.6830), (116.8450, 36.6850),
            (116.8600, 36.6870), (116.8750, 36.6885), (116.8900, 36.6895),
            (116.9050, 36.6900), (116.9180, 36.6905), (116.9300, 36.6915),
            (116.9415, 36.6925), (116.9520, 36.6925), (116.9650, 36.6940),
        ],
        "placed": (
            "by hand: rises at 睦里闸 on the 玉符河 levee and runs east across the north of the district, "
            "south of 美里湖 and north of 匡山, leaving into 天桥区 near 匡山; approximate"
        ),
        "desc_zh": "发源于玉符河畔睦里村（睦里闸），向东流经槐荫北部",
        "desc_en": "Rises at Muli village (Muli sluice) by the Yufu River and flows east across the north of the district.",
        "outside": "Flows east out of the district into 天桥区 and on towards the sea.",
    },
    {
        "id": "river-lashan",
        "name_zh": "腊山河",
        "name_en": "Lashan River",
        "kind": "river",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.9005, 36.6400), (116.9015, 36.6460), (116.9045, 36.6540),
            (116.9080, 36.6600), (116.9100, 36.6660), (116.9105, 36.6730),
            (116.9095, 36.6800), (116.9085, 36.6860), (116.9080, 36.6900),
        ],
        "placed": (
            "by hand: from 腊山湖 north across 经十路 (at 腊山河公园 station), between 济南西站 and the "
            "exhibition centre (腊山河东路/西路 on either bank) to 小清河; district reach only; approximate"
        ),
        "desc_zh": "自腊山一带向北汇入小清河，纳入水系连通和综合整治工程",
        "desc_en": "Runs north from the Lashan area into the Xiaoqing River; part of the water-network and river-improvement works.",
    },
    {
        "id": "river-xingji",
        "name_zh": "兴济河",
        "name_en": "Xingji River",
        "kind": "river",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.9505, 36.6375), (116.9490, 36.6460), (116.9475, 36.6550),
            (116.9462, 36.6630), (116.9455, 36.6700), (116.9452, 36.6780),
            (116.9440, 36.6850), (116.9430, 36.6922),
        ],
        "placed": (
            "by hand: enters from 市中区 in the south and runs north along the east side of 济南森林公园 "
            "to 小清河 near 匡山; district reach only (the upper course in 市中区 is not drawn); approximate"
        ),
        "desc_zh": "城区河道，“十三五”期间完成生态综合治理，向北汇入小清河",
        "desc_en": "Urban river, ecologically restored during the 13th Five-Year Plan; flows north into the Xiaoqing River.",
    },
    {
        "id": "river-beitaiping",
        "name_zh": "北太平河",
        "name_en": "North Taiping River",
        "kind": "river",
        "section": "box9",
        "line": 541,
        "coords": [
            (116.8660, 36.7030), (116.8800, 36.7020), (116.8950, 36.7010),
            (116.9100, 36.7003), (116.9220, 36.6995), (116.9310, 36.6985),
            (116.9360, 36.6972),
        ],
        "placed": (
            "by hand: drainage river north of and parallel to 小清河 in the 美里湖 area, crossing the "
            "腊山河西路 extension (the plan's works run 腊山河西路 to 华润东路 and 美里东路 to 西沙西路); "
            "course and outlet uncertain (about 1 km); approximate"
        ),
        "desc_zh": "美里湖片区排涝河道，规划实施综合治理及附属绿化工程",
        "desc_en": "Drainage river in the Meilihu area; the plan lists its comprehensive improvement and greening works.",
    },
    {
        "id": "reservoir-yuqing",
        "name_zh": "玉清湖水库",
        "name_en": "Yuqinghu Reservoir",
        "kind": "reservoir",
        "section": "ch5-1",
        "line": 447,
        "coords": [
            (116.8140, 36.6925), (116.8290, 36.6935), (116.8395, 36.7040),
            (116.8345, 36.7105), (116.8200, 36.7085), (116.8125, 36.7000),
        ],
        "placed": (
            "outline drawn by hand in the district's north-western corner between 玉符河, 小清河 and the "
            "Yellow River levee, near its intake at 北店子 and about 1 km from the 济平干渠; shape and "
            "size (about 2.5 km²) approximate"
        ),
        "desc_zh": "黄河岸边的引黄调蓄水库，济南西部重要水源地",
        "desc_en": "Reservoir fed from the Yellow River; a main water source of western Jinan.",
    },
    {
        "id": "wetland-jixi",
        "name_zh": "济西湿地",
        "name_en": "Jixi Wetland",
        "kind": "wetland",
        "section": "ch2-2-2",
        "line": 221,
        "coords": [
            (116.8030, 36.6470), (116.8085, 36.6450), (116.8140, 36.6460),
            (116.8125, 36.6520), (116.8120, 36.6630), (116.8140, 36.6720),
            (116.8150, 36.6775), (116.8115, 36.6822), (116.8085, 36.6835),
            (116.8020, 36.6905), (116.7960, 36.6975), (116.7900, 36.6950),
            (116.7800, 36.6880), (116.7700, 36.6790), (116.7640, 36.6690),
            (116.7700, 36.6625), (116.7850, 36.6690), (116.7960, 36.6755),
            (116.8010, 36.6740), (116.8020, 36.6600),
        ],
        "placed": (
            "outline drawn by hand in the wedge between the Yellow River (north-west), 玉符河 (east) and "
            "the 济平干渠 (south), mostly in 长清区, plus the 玉符河 wetland strip west of the river "
            "between 经十西路 and 睦里, which is inside the district; approximate"
        ),
        "desc_zh": "港汊纵横的重要湿地",
        "desc_en": "Wetland of many channels between the Yellow and Yufu rivers.",
        "outside": "Lies mostly in 长清区, west of 玉符河; only the strip along the river's west bank is in the district.",
    },
    {
        "id": "wetland-meilihu",
        "name_zh": "美里湖湿地",
        "name_en": "Meilihu Wetland",
        "kind": "wetland",
        "section": "ch2-2-2",
        "line": 221,
        "coords": [
            (116.9015, 36.7070), (116.9110, 36.7060), (116.9135, 36.7100),
            (116.9100, 36.7140), (116.9020, 36.7135), (116.8995, 36.7100),
        ],
        "placed": (
            "outline drawn by hand in the 美里湖 area north of 小清河 and west of the 美里湖街道 office; "
            "position and extent approximate (about 1 km)"
        ),
        "desc_zh": "重要湿地，规划加强保护与恢复和水生态治理",
        "desc_en": "Important wetland the plan protects and restores.",
    },
    {
        "id": "canal-nsbd",
        "name_zh": "南水北调地上干渠",
        "name_en": "South–North Water Transfer above-ground canal",
        "kind": "canal",
        "section": "ch2-3",
        "line": 307,
        "coords": [
            (116.7550, 36.6520), (116.7700, 36.6580), (116.7850, 36.6650),
            (116.7980, 36.6730), (116.8060, 36.6790), (116.8120, 36.6812),
            (116.8165, 36.6815),
        ],
        "placed": (
            "by hand, read as the tail of the 济平干渠 (East Route), which comes from 长清区 south of the "
            "济西湿地 and crosses 玉符河 to end at 睦里闸; route approximate"
        ),
        "desc_zh": "南水北调东线济平干渠末段，至睦里闸向小清河补水",
        "desc_en": "Tail of the East Route's Jiping canal, ending at the Muli sluice where it feeds the Xiaoqing River.",
        "outside": "Comes from 东平湖 through 长清区; only its last few hundred metres, east of 玉符河, are in the district.",
    },
]

# --------------------------------------------------------------------------
# parks.geojson: polygons
# --------------------------------------------------------------------------

PARKS: list[dict[str, Any]] = [
    {
        "id": "park-jixi-wetland",
        "name_zh": "济西国家湿地公园",
        "name_en": "Jixi National Wetland Park",
        "kind": "wetland_park",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.8020, 36.6455), (116.8085, 36.6435), (116.8150, 36.6445),
            (116.8135, 36.6520), (116.8130, 36.6630), (116.8150, 36.6720),
            (116.8160, 36.6778), (116.8120, 36.6830), (116.8090, 36.6845),
            (116.8025, 36.6915), (116.7962, 36.6988), (116.7895, 36.6962),
            (116.7790, 36.6890), (116.7688, 36.6798), (116.7625, 36.6690),
            (116.7695, 36.6610), (116.7850, 36.6675), (116.7955, 36.6740),
            (116.8000, 36.6728), (116.8008, 36.6600),
        ],
        "placed": (
            "outline drawn by hand a little outside the 济西湿地 outline (Yellow River, 玉符河, 济平干渠), "
            "mostly in 长清区; approximate"
        ),
        "desc_zh": "国家湿地公园，槐荫“城市绿肺”之一",
        "desc_en": "National wetland park, one of the district's 'green lungs'.",
        "outside": "Lies mostly in 长清区 west of 玉符河; only its strip along the 玉符河 is in the district.",
    },
    {
        "id": "park-meilihu-wetland",
        "name_zh": "美里湖湿地公园",
        "name_en": "Meilihu Wetland Park",
        "kind": "wetland_park",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.8975, 36.7050), (116.9150, 36.7040), (116.9175, 36.7100),
            (116.9140, 36.7165), (116.9000, 36.7160), (116.8960, 36.7105),
        ],
        "placed": "outline drawn by hand around the 美里湖湿地, north of 小清河; approximate (about 1 km)",
        "desc_zh": "湿地公园，槐荫“城市绿肺”之一，打造“沿黄九美”",
        "desc_en": "Wetland park, one of the district's 'green lungs'.",
    },
    {
        "id": "park-lashanhu",
        "name_zh": "腊山湖公园",
        "name_en": "Lashan Lake Park",
        "kind": "park",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.8925, 36.6325), (116.9005, 36.6320), (116.9030, 36.6370),
            (116.8990, 36.6405), (116.8930, 36.6395), (116.8905, 36.6360),
        ],
        "placed": (
            "outline drawn by hand south of 经十路 near 腊山, at the head of 腊山河; position uncertain "
            "(about 1 km)"
        ),
        "desc_zh": "城市公园，槐荫“城市绿肺”之一",
        "desc_en": "City park, one of the district's 'green lungs'.",
    },
    {
        "id": "park-forest",
        "name_zh": "济南森林公园",
        "name_en": "Jinan Forest Park",
        "kind": "forest",
        "section": "ch1-3",
        "line": 157,
        "coords": [
            (116.9365, 36.6685), (116.9440, 36.6685), (116.9445, 36.6770),
            (116.9370, 36.6770),
        ],
        "placed": (
            "block drawn by hand between 二环西路 (west) and 兴济河 (east), north of 张庄路, north-east of "
            "the exhibition centre; about 1,000 亩 as published; approximate"
        ),
        "desc_zh": "城市森林公园（原西郊森林公园），规划实施二期提升改造",
        "desc_en": "Urban forest park (formerly the Western Suburbs Forest Park); the plan upgrades its second phase.",
    },
    {
        "id": "park-ginkgo",
        "name_zh": "黄河千亩银杏林",
        "name_en": "Yellow River Ginkgo Forest",
        "kind": "forest",
        "section": "ch2-3",
        "line": 313,
        "coords": [
            (116.8280, 36.7192), (116.8384, 36.7228), (116.8590, 36.7258),
            (116.8625, 36.7275), (116.8723, 36.7357), (116.8792, 36.7395),
            (116.8826, 36.7405), (116.8881, 36.7410), (116.9101, 36.7391),
            (116.9170, 36.7362), (116.9170, 36.7352), (116.9098, 36.7383),
            (116.8881, 36.7401), (116.8829, 36.7397), (116.8798, 36.7387),
            (116.8730, 36.7350), (116.8633, 36.7268), (116.8595, 36.7250),
            (116.8387, 36.7220), (116.8347, 36.7209), (116.8280, 36.7181),
        ],
        "placed": (
            "strip about 100 m wide drawn by hand along the Yellow River's right-bank levee, set 550–650 m "
            "inside the district's north-western edge, from about 曹家圈 to the district's north-eastern "
            "corner; levee position approximate"
        ),
        "desc_zh": "黄河流域最大的银杏林，沿黄河右岸大堤分布（向东延伸至天桥区泺口）",
        "desc_en": "The largest ginkgo forest on the Yellow River, planted along the right-bank levee (it continues east to Luokou in Tianqiao).",
    },
    {
        "id": "park-central",
        "name_zh": "中央公园",
        "name_en": "Central Park",
        "kind": "park",
        "section": "ch2-3",
        "line": 315,
        "coords": [
            (116.9140, 36.6695), (116.9225, 36.6695), (116.9225, 36.6765),
            (116.9140, 36.6765),
        ],
        "placed": (
            "block drawn by hand in the 央企总部城 between the cultural centre (一院三馆) and the "
            "exhibition centre, at Metro Line 6's 中央公园 station; approximate"
        ),
        "desc_zh": "央企总部城片区中央公园，中央商务轴重要载体，规划提升改造",
        "desc_en": "Central park of the central-SOE headquarters city, a carrier of the CBD axis; to be upgraded.",
    },
    {
        "id": "park-kuangshan",
        "name_zh": "匡山公园",
        "name_en": "Kuangshan Park",
        "kind": "park",
        "section": "ch6-5",
        "line": 567,
        "coords": [
            (116.9345, 36.6835), (116.9415, 36.6835), (116.9415, 36.6895),
            (116.9345, 36.6895),
        ],
        "placed": (
            "block drawn by hand on 匡山 hill west of 济齐路, south of 小清河, in 匡山街道; position "
            "uncertain (about 1 km)"
        ),
        "desc_zh": "匡山山体公园，规划提升周边环境、拓展生态空间",
        "desc_en": "Park on Kuangshan hill; the plan improves its surroundings and widens its green space.",
    },
    {
        "id": "park-daohuaxiang",
        "name_zh": "泉城稻花香田园综合体",
        "name_en": "Quancheng Daohuaxiang (Rice Fragrance) rural complex",
        "kind": "farmland_park",
        "section": "ch2-3",
        "line": 313,
        "coords": [
            (116.8430, 36.7060), (116.8620, 36.7050), (116.8850, 36.7090),
            (116.8860, 36.7360), (116.8720, 36.7315), (116.8600, 36.7225),
            (116.8440, 36.7195),
        ],
        "placed": (
            "area drawn by hand over the rice fields of 吴家堡 south of the Yellow River levee, east of "
            "玉清湖 (the plan puts it where 黄河, 玉清湖 and 济西湿地 meet); extent approximate"
        ),
        "desc_zh": "沿黄田园综合体（含赛石玫瑰园），稻蟹种养与乡村旅游",
        "desc_en": "Riverside rural complex (including the Saishi rose garden): rice-and-crab farming and rural tourism.",
    },
    {
        "id": "park-country",
        "name_zh": "郊野公园",
        "name_en": "Country park (planned)",
        "kind": "park",
        "section": "ch6-2",
        "line": 521,
        "coords": [
            (116.8020, 36.7030), (116.8125, 36.7010), (116.8200, 36.7092),
            (116.8345, 36.7112), (116.8425, 36.7150), (116.8425, 36.7190),
            (116.8300, 36.7165), (116.8150, 36.7105), (116.8040, 36.7068),
        ],
        "placed": (
            "area drawn by hand where the plan puts it: where 黄河, 玉清湖, 济西湿地 and 泉城稻花香田园综合体 "
            "(赛石玫瑰园) meet, between the reservoir and the levee; a planned park, extent approximate"
        ),
        "desc_zh": "规划建设的高品质郊野公园，融合生态保护与现代农业",
        "desc_en": "Planned high-quality country park combining ecological protection and modern farming.",
    },
]

# --------------------------------------------------------------------------
# heritage.geojson: points
# --------------------------------------------------------------------------

HERITAGE: list[dict[str, Any]] = [
    {
        "id": "her-hongjitang",
        "name_zh": "宏济堂",
        "name_en": "Hongjitang pharmacy (Hongjitang Museum)",
        "kind": "historic_building",
        "protection": None,
        "section": "ch2-3",
        "line": 293,
        "coords": (116.9783, 36.6610),
        "placed": "at 经二路 281 (经二路/纬五路) in the 老商埠 grid, by hand; approximate (about 200 m)",
        "desc_zh": "百年老字号药店旧址，现为宏济堂博物馆",
        "desc_en": "Historic pharmacy building, now the Hongjitang Museum.",
    },
    {
        "id": "her-fuchengxin",
        "name_zh": "阜成信棉花行东记西记旧址",
        "name_en": "Former Fuchengxin cotton firm (East and West branches)",
        "kind": "historic_building",
        "protection": None,
        "section": "ch2-3",
        "line": 293,
        "coords": (116.9715, 36.6606),
        "placed": "on 经二路 (东记 at 经二路 363) west of 宏济堂, by hand; one point for both branches; approximate (about 300 m)",
        "desc_zh": "清末民初商埠棉花行旧址",
        "desc_en": "Late-Qing/Republican cotton trading house in the old commercial port.",
    },
    {
        "id": "her-jingsilu-church",
        "name_zh": "经四路基督教堂",
        "name_en": "Jingsi Road Christian Church",
        "kind": "historic_building",
        "protection": None,
        "section": "ch2-3",
        "line": 293,
        "coords": (116.9858, 36.6562),
        "placed": "on 经四路 (No. 425) just east of the district line, by hand; approximate (about 300 m)",
        "desc_zh": "商埠区近代教堂建筑，规划串联的文物资源",
        "desc_en": "Early-20th-century church of the old commercial port, one of the heritage sites the plan links up.",
        "outside": "The church stands just across the district line, in 市中区; the plan counts it among the 商埠 sites it links up.",
    },
    {
        "id": "her-fengda-bank",
        "name_zh": "山东丰大银行旧址",
        "name_en": "Former Shandong Fengda Bank",
        "kind": "historic_building",
        "protection": None,
        "section": "ch2-3",
        "line": 293,
        "coords": (116.9750, 36.6616),
        "placed": (
            "on the west side of 纬六路 near 经二路 (the building was moved 15.4 m west in 2005 when "
            "纬六路 was widened), by hand; approximate (about 300 m)"
        ),
        "desc_zh": "山东丰大银行旧址，规划列为老商埠串联整合的文物资源之一。",
        "desc_en": "Former bank building, one of the old-port heritage sites the plan links up; it may be the 老洋行 the plan names in 第一章 三.",
    },
    {
        "id": "her-wusan",
        "name_zh": "五三惨案遗址",
        "name_en": "Site of the May 3rd Tragedy (Jinan Incident, 1928)",
        "kind": "protected_site",
        "protection": "全国重点文物保护单位",
        "section": "ch1-1-5",
        "line": 118,
        "coords": (116.9735, 36.6557),
        "placed": "at 经四路 370 (小纬六路), the former 山东交涉公署 where 蔡公时 was killed, by hand; approximate (about 200 m)",
        "desc_zh": "第八批全国重点文物保护单位，现为蔡公时纪念馆",
        "desc_en": "Listed in the 8th batch of national key cultural relics; now the Cai Gongshi Memorial.",
    },
    {
        "id": "her-wuqi-station",
        "name_zh": "五七车站",
        "name_en": "Wuqi (May 7th) Station",
        "kind": "red_culture",
        "protection": None,
        "section": "ch1-3",
        "line": 159,
        "coords": (116.9125, 36.6600),
        "placed": "south-east corner of 腊山河东路 and 日照路, by hand; approximate (about 300 m)",
        "desc_zh": "承载红色记忆的专用车站旧址，规划建设红色文化新地标",
        "desc_en": "Former special railway station with red-culture memories; the plan makes it a red-culture landmark.",
    },
    {
        "id": "her-zhua",
        "name_zh": "祝阿古城遗址",
        "name_en": "Ruins of the ancient city of Zhu'a",
        "kind": "ruins",
        "protection": None,
        "section": "ch1-3",
        "line": 159,
        "coords": (116.8140, 36.6275),
        "placed": (
            "at 古城村 (former 段店镇, now 玉清湖街道), north of the 济兖公路 and on the west bank of 玉符河, "
            "by hand; village position uncertain (about 1 km)"
        ),
        "desc_zh": "春秋祝柯、汉祝阿县故城，古城村东残存夯土城墙",
        "desc_en": "Site of Zhuke/Zhu'a (Spring and Autumn to Tang); rammed-earth walls survive east of Gucheng village.",
    },
    {
        "id": "her-qianzhouwang-wall",
        "name_zh": "前周王庄古城墙遗址",
        "name_en": "Ancient city wall at Qianzhouwangzhuang",
        "kind": "ruins",
        "protection": None,
        "section": "ch6-1",
        "line": 517,
        "coords": (116.8205, 36.6355),
        "placed": "at 前周王庄 on the east bank of 玉符河 south of 经十西路, by hand; approximate (about 1 km)",
        "desc_zh": "古城墙遗址，规划保护修缮、活化利用",
        "desc_en": "Remains of an ancient city wall, to be repaired and put to use.",
    },
    {
        "id": "her-yufu-bridge",
        "name_zh": "玉符河石桥",
        "name_en": "Yufu River stone bridge",
        "kind": "historic_building",
        "protection": None,
        "section": "ch6-1",
        "line": 517,
        "coords": (116.8150, 36.6405),
        "placed": "on 玉符河 between 后周村 and 河头王庄, just south of the 经十西路 bridge at 周王庄, by hand; approximate (about 300 m)",
        "desc_zh": "明代五孔石拱桥，规划保护修缮、活化利用",
        "desc_en": "Ming-dynasty five-arch stone bridge, to be repaired and put to use.",
    },
    {
        "id": "her-muli-sluice",
        "name_zh": "睦里闸",
        "name_en": "Muli sluice",
        "kind": "historic_building",
        "protection": None,
        "section": "ch1-3",
        "line": 159,
        "coords": (116.8165, 36.6815),
        "placed": "on the 玉符河 levee at 睦里庄 where 小清河 begins, by hand; approximate (about 300 m)",
        "desc_zh": "小清河源头水闸，特色地名",
        "desc_en": "Sluice at the head of the Xiaoqing River; a name the plan cites as local heritage.",
    },
]

# --------------------------------------------------------------------------
# Building the features
# --------------------------------------------------------------------------


def source_label(section: str, line: int) -> str:
    """``第六章 一、加快推进精品城区建设 (line 521)``."""
    return f"{SECTIONS[section]} (line {line})"


def line_geometry(coords: list[tuple[float, float]]) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": [list(c) for c in coords]}


def polygon_geometry(coords: list[tuple[float, float]]) -> dict[str, Any]:
    ring = [list(c) for c in coords]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def point_geometry(coords: tuple[float, float]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": list(coords)}


def common_properties(rec: dict[str, Any]) -> dict[str, Any]:
    """The properties every layer shares (docs/data-model.md)."""
    props: dict[str, Any] = {
        "id": rec["id"],
        "name_zh": rec["name_zh"],
        "name_en": rec["name_en"],
        "source": source_label(rec["section"], rec["line"]),
        "source_section": rec["section"],
        "geometry_quality": "approximate",
        "geometry_source": f"{BY_HAND}: {rec['placed']}",
    }
    if rec.get("outside"):
        props["extends_beyond_district"] = True
        props["outside_note"] = rec["outside"]
    props["description_zh"] = rec["desc_zh"]
    props["description_en"] = rec["desc_en"]
    return props


def feature(props: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def water_feature(rec: dict[str, Any]) -> dict[str, Any]:
    props = common_properties(rec) | {"water_kind": rec["kind"]}
    linear = rec["kind"] in ("river", "canal")
    geometry = line_geometry(rec["coords"]) if linear else polygon_geometry(rec["coords"])
    return feature(props, geometry)


def park_feature(rec: dict[str, Any]) -> dict[str, Any]:
    props = common_properties(rec) | {"park_kind": rec["kind"]}
    return feature(props, polygon_geometry(rec["coords"]))


def heritage_feature(rec: dict[str, Any]) -> dict[str, Any]:
    props = common_properties(rec) | {"heritage_kind": rec["kind"], "protection_level": rec["protection"]}
    return feature(props, point_geometry(rec["coords"]))


LAYERS = {
    "water.geojson": (WATER, water_feature),
    "parks.geojson": (PARKS, park_feature),
    "heritage.geojson": (HERITAGE, heritage_feature),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("geodata"), help="folder to write into")
    args = parser.parse_args(argv)
    for name, (records, build) in LAYERS.items():
        features = [build(rec) for rec in records]
        write_feature_collection(args.output / name, features)
        print(f"wrote {args.output / name}: {len(features)} features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
