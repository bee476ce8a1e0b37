"""Build geodata/projects.geojson: one feature per project of the 槐荫区“十四五”规划纲要.

Usage::

    python scripts/build_projects.py [-o geodata/projects.geojson]

The project table below is the data: every item of 专栏6, 专栏8, 专栏9 and
专栏10 exactly once (``box_item_zh`` keeps the item verbatim), plus the
concrete projects the running text names (chapters 1-8). A project that the
plan names in several places is one feature whose ``sources`` lists them all;
the first source is the main one.

Status: ``未知`` unless the outline itself states the state as of 2020 (only in
第一章 一、（二）, line 102); such rows quote the sentence.

Geometry: every position is an estimate (``geometry_quality: approximate``)
made by hand from the plan's wording (street and village names in the project
names, the zone the plan puts a project in) and general knowledge of Jinan;
``geometry_source`` says how each was made and what is not known. No site plans
were available. Named places are the ``ANCHORS`` below; a project is placed at
an anchor or a few hundred metres from it (``near``), so that projects sharing
an anchor do not hide each other.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shapely.geometry import shape  # noqa: E402

from planning.model import CATEGORIES, STATUSES, UNKNOWN_STATUS  # noqa: E402
from planning.storage import write_feature_collection  # noqa: E402

# --------------------------------------------------------------------------
# Outline sections (line numbers of the seed text 000_978fa211d9488af2.txt).
# A text source is given by its line; the section is the last heading above it.
# --------------------------------------------------------------------------
HEADINGS: list[tuple[int, str, str, str]] = [
    # (first line, section id, ref, title)
    (84, "ch1", "第一章", "第一章 立足新起点，开启现代化一流城区建设新征程"),
    (98, "ch1-1-2", "第一章 一、（二）", "第一章 一、（二）动能转换激发新活力"),
    (104, "ch1-1-3", "第一章 一、（三）", "第一章 一、（三）城市品质得到新提升"),
    (108, "ch1-1-4", "第一章 一、（四）", "第一章 一、（四）改革开放迈出新步伐"),
    (114, "ch1-1-5", "第一章 一、（五）", "第一章 一、（五）社会民生取得新成效"),
    (139, "ch1-2", "第一章 二、", "第一章 二、发展形势"),
    (147, "ch1-3", "第一章 三、", "第一章 三、发展优势"),
    (191, "ch2-2-2", "第二章 二、（二）", "第二章 二、（二）“十四五”时期发展目标"),
    (272, "ch2-3", "第二章 三、", "第二章 三、空间布局"),
    (323, "ch3-1", "第三章 一、", "第三章 一、全力推动创新创业"),
    (339, "ch3-2", "第三章 二、", "第三章 二、大力提升创新能力"),
    (359, "ch4-1", "第四章 一、", "第四章 一、高水平建设济南国际医学科学中心"),
    (373, "ch4-2", "第四章 二、", "第四章 二、聚焦央企总部城建设，打造京沪会客厅"),
    (389, "ch4-3", "第四章 三、", "第四章 三、巩固主导产业发展，打造经济发展引擎"),
    (429, "ch4-4", "第四章 四、", "第四章 四、培育新经济新业态，打造新动能集聚区"),
    (445, "ch5-1", "第五章 一、", "第五章 一、深入落实黄河流域生态保护和高质量发展战略"),
    (453, "ch5-2", "第五章 二、", "第五章 二、深化区域交流合作"),
    (501, "ch6-1", "第六章 一、", "第六章 一、加快推进精品城区建设"),
    (519, "ch6-2", "第六章 二、", "第六章 二、扎实推进乡村全面振兴"),
    (533, "ch6-3", "第六章 三、", "第六章 三、完善城市基础设施体系"),
    (547, "ch6-4", "第六章 四、", "第六章 四、大幅提升城市管理水平"),
    (555, "ch6-5", "第六章 五、", "第六章 五、推动城区绿色低碳发展"),
    (577, "ch7-1", "第七章 一、", "第七章 一、加快医养槐荫建设"),
    (597, "ch7-2", "第七章 二、", "第七章 二、加快教育强区建设"),
    (615, "ch7-3", "第七章 三、", "第七章 三、加强社会保障力度"),
    (629, "ch7-4", "第七章 四、", "第七章 四、提高文体服务质量"),
    (641, "ch8", "第八章", "第八章 提升治理效力，打造平安建设示范区"),
    (665, "ch8-3", "第八章 三、", "第八章 三、织密公共安全防护网"),
]

#: The 专栏 groupings projects are listed under: key -> (section, ref, label, category).
BOXES: dict[str, tuple[str, str, str, str | None]] = {
    "box4": ("box4", "专栏4", "专栏4 “京沪会客厅”展示服务窗口建设工程", None),
    "box6-med": ("box6", "专栏6", "专栏6 主导产业领域重点项目（医养健康）", "医养健康"),
    "box6-biz": ("box6", "专栏6", "专栏6 主导产业领域重点项目（商务会展）", "商务会展"),
    "box6-mfg": ("box6", "专栏6", "专栏6 主导产业领域重点项目（智能制造）", "智能制造"),
    "box6-cul": ("box6", "专栏6", "专栏6 主导产业领域重点项目（文化旅游）", "文化旅游"),
    "box6-con": ("box6", "专栏6", "专栏6 主导产业领域重点项目（消费物流）", "消费物流"),
    "box8-old": ("box8", "专栏8", "专栏8 城市更新重点工程（旧城改造工程）", "旧城改造"),
    "box8-cpx": ("box8", "专栏8", "专栏8 城市更新重点工程（城市综合体项目）", "城市综合体"),
    "box8-str": ("box8", "专栏8", "专栏8 城市更新重点工程（特色街区提升项目）", "特色街区"),
    "box9-road": ("box9", "专栏9", "专栏9 城市基础设施重点工程（道路工程）", "道路"),
    "box9-power": ("box9", "专栏9", "专栏9 城市基础设施重点工程（能源电力工程）", "能源电力"),
    "box9-water": ("box9", "专栏9", "专栏9 城市基础设施重点工程（水利设施工程）", "水利"),
    "box10-kg": ("box10", "专栏10", "专栏10 教育事业重点工程（幼儿园新建项目）", "幼儿园"),
    "box10-sch": ("box10", "专栏10", "专栏10 教育事业重点工程（中小学新建项目）", "中小学"),
}

# --------------------------------------------------------------------------
# Named places (WGS84 lon, lat), estimated by hand. Only 济南西站 comes from a
# published coordinate (Wikipedia, metro station); the rest are estimates from
# the geography notes (relative positions of stations, roads, the exhibition
# block) and general knowledge of Jinan, good to a few hundred metres at best.
# --------------------------------------------------------------------------
ANCHORS: dict[str, tuple[float, float, str]] = {
    "jnw": (116.8883, 36.6689, "济南西站 (published coordinate of its metro station)"),
    "jnw_east": (116.8915, 36.6686, "the east plaza of 济南西站 on 齐鲁大道"),
    "jnw_west": (116.8850, 36.6690, "the west plaza of 济南西站"),
    "hsr_south": (116.8855, 36.6605, "the southern part of the 高铁围合区 next to 济南西站 (estimated)"),
    "hsr_north": (116.8860, 36.6770, "the northern part of the 高铁围合区 next to 济南西站 (estimated)"),
    "cbd": (116.8990, 36.6660, "央企总部城, the blocks east of 济南西站 (estimated)"),
    "culture": (116.9035, 36.6695, "省会文化艺术中心（一院三馆）between 济南西站 and the exhibition centre"),
    "central_park": (116.9125, 36.6680, "the 中央公园 on the 中央商务轴 east of the culture centre"),
    "expo": (116.9320, 36.6670, "山东国际会展中心, the middle of its block between 滨州路 (west) and 二环西路 (east), 日照路 (south) and 威海路 (north)"),
    "binzhou": (116.9200, 36.6790, "滨州路 north of 威海路"),
    "forest_park": (116.9390, 36.6805, "济南森林公园, north-east of the exhibition centre"),
    "kuangshan": (116.9400, 36.6905, "匡山 (hill and village) near the district's eastern edge"),
    "laotun": (116.9480, 36.6745, "老屯 / 闫千户 (tea market) between 二环西路 and 八里桥"),
    "zhangliu": (116.9520, 36.6695, "张庄 and 刘庄 villages east of 二环西路"),
    "xisha": (116.9320, 36.7000, "西沙 village in the north-east"),
    "dongsha": (116.9385, 36.6965, "东沙, east of 西沙"),
    "meilihu": (116.9050, 36.7050, "美里湖 in the north"),
    "econ_dev": (116.9100, 36.7165, "济南槐荫经济开发区 (美里湖 area, 绕城高速)"),
    "fangte": (116.8965, 36.6905, "济南方特东方神画 at 齐鲁大道/青岛路 north of 济南西站"),
    "qilu_jingshi": (116.8945, 36.6545, "the 齐鲁大道/经十西路 junction (大杨 metro station)"),
    "wangfu": (116.8950, 36.6300, "王府庄 and 水屯 near the 王府庄 metro station"),
    "laishan": (116.9160, 36.6510, "腊山 area on 经十路"),
    "laishanhe": (116.9020, 36.6550, "腊山河 where it crosses 经十路 (腊山河公园)"),
    "duandian": (116.9430, 36.6560, "段店 on 经十路 near 二环西路"),
    "nanxin": (116.9600, 36.6535, "南辛庄 on 经十路"),
    "jing11": (116.9560, 36.6430, "经十一路 south of 经十路"),
    "wulipaifang": (116.9680, 36.6455, "五里牌坊 near 经十路/纬十二路"),
    "wei12": (116.9632, 36.6555, "纬十二路 between 经十路 and 经四路 (on the road's line in roads.geojson)"),
    "shangbu": (116.9760, 36.6600, "the 槐荫 part of the old commercial port (老商埠)"),
    "xishichang": (116.9705, 36.6620, "西市场 / 北大槐树 in the old town"),
    "med": (116.8400, 36.7030, "山东第一医科大学 on 青岛路, centre of 济南国际医学科学中心"),
    "med_valley": (116.8520, 36.6970, "the 医疗硅谷引爆区 in the east of 济南国际医学科学中心"),
    "med_south": (116.8600, 36.6820, "the southern (兴福) part of 济南国际医学科学中心"),
    "wujiapu": (116.8480, 36.7210, "吴家堡 near the Yellow River"),
    "yuqinghu": (116.8250, 36.7120, "玉清湖 reservoir near the Yellow River"),
    "daohuaxiang": (116.8130, 36.7030, "泉城稻花香田园综合体 between 玉清湖 and 济西湿地"),
    "yufuhe": (116.8080, 36.6600, "玉符河 along the western edge"),
    "unsited": (116.8713, 36.6825, "a representative point between 济南西站 and 济南国际医学科学中心 that lies in no zone, "
                "used for district-wide facilities whose site the plan does not state, so that no zone counts them"),
    "econ_dev_north": (116.9000, 36.7360, "the land of 济南槐荫经济开发区 north of 绕城高速 (G2001), between 齐鲁大道北延 and "
                       "腊山河西路北延"),
}

ApproxPoint = dict[str, Any]


def near(anchor: str, east_m: float = 0.0, north_m: float = 0.0) -> ApproxPoint:
    """A point ``east_m``/``north_m`` metres from a named anchor."""
    lon, lat, _ = ANCHORS[anchor]
    dlat = north_m / 111_320.0
    dlon = east_m / (111_320.0 * math.cos(math.radians(lat)))
    return {"type": "Point", "coordinates": [lon + dlon, lat + dlat]}


def line(*coords: tuple[float, float]) -> ApproxPoint:
    return {"type": "LineString", "coordinates": [list(c) for c in coords]}


def anchor_text(anchor: str) -> str:
    return ANCHORS[anchor][2]


# --------------------------------------------------------------------------
# The project table: one row per project.
#   id, name_zh, name_en, category, box (BOXES key or None), box item verbatim,
#   extra boxes, text lines, geometry, geometry_source, description zh/en,
#   status (None or (status, date, line, quote)), outside note.
# --------------------------------------------------------------------------
ROWS: list[dict[str, Any]] = []


def P(  # noqa: N802, PLR0913 - the builder's one-letter shorthand
    pid: str,
    name_zh: str,
    name_en: str,
    category: str,
    *,
    box: str | None = None,
    item: str | None = None,
    also_boxes: tuple[str, ...] = (),
    lines: tuple[int, ...] = (),
    geom: ApproxPoint | None = None,
    where: str,
    zh: str,
    en: str,
    status: tuple[str, str, int, str] | None = None,
    outside: str | None = None,
    quote: str | None = None,
    ref: tuple[str, str] | None = None,
) -> None:
    ROWS.append(
        {
            "id": pid,
            "name_zh": name_zh,
            "name_en": name_en,
            "category": category,
            "box": box,
            "item": item,
            "also_boxes": also_boxes,
            "lines": lines,
            "geom": geom,
            "where": where,
            "zh": zh,
            "en": en,
            "status": status,
            "outside": outside,
            "quote": quote,
            "ref": ref,
        }
    )


NO_SITE = "; no site plan available"
S102 = 102  # 第一章 一、（二） states the 2020 state of a few projects

# ---- 专栏6 医养健康 -------------------------------------------------------------
P("prj-med-silicon-valley", "济南国际医学科学中心医疗硅谷", "Medical Silicon Valley of the Jinan International Medical Science Center", "医养健康",
  box="box6-med", item="济南国际医学科学中心医疗硅谷", lines=(365, 285), geom=near("med_valley"),
  where=f"placed at {anchor_text('med_valley')}; the plan calls it the 引爆区 (launch area) of the centre, exact extent unknown{NO_SITE}",
  zh="按“一谷三区一拓展”布局重点推动医疗硅谷引爆区建设。", en="The launch area of the centre's 'one valley, three districts, one extension' layout.")
P("prj-cancer-institute-platform", "山东省肿瘤防治研究院技术创新与临床转化平台", "Technology Innovation and Clinical Translation Platform of the Shandong Cancer Prevention and Treatment Institute", "医养健康",
  box="box6-med", item="山东省肿瘤防治研究院技术创新与临床转化平台", lines=(102, 391), geom=near("med_valley", -500, 350),
  where="placed in 济南国际医学科学中心, where 第一章 一、（二） lists it among the projects that landed in the centre; site within the centre unknown" + NO_SITE,
  zh="依托该平台强化临床新技术应用，提升区域肿瘤诊疗水平。", en="A platform for applying new clinical techniques and raising cancer care in the region.")
P("prj-shulan-hospital", "树兰（济南）国际医院", "Shulan (Jinan) International Hospital", "医养健康",
  box="box6-med", item="树兰（济南）国际医院", lines=(102, 153, 365), geom=near("med_valley", 350, -250),
  where="placed in the 医疗硅谷引爆区 of 济南国际医学科学中心, where 第四章 一、 lists it among the launch projects; exact site unknown" + NO_SITE,
  zh="高端引爆项目之一，“十三五”期间开工建设（第一章 一、（二））。", en="One of the centre's flagship launch projects; construction started in the 13th plan period (chapter 1).",
  status=("开工", "2020", S102, "树兰（济南）国际医院等项目开工建设"))
P("prj-im-cas-qilu-institute", "中科院微生物研究所齐鲁现代微生物研究院", "Qilu Institute of Modern Microbiology, Institute of Microbiology (CAS)", "医养健康",
  box="box6-med", item="中科院微生物研究所齐鲁现代微生物研究院", lines=(367, 285, 102), geom=near("med", 600, -300),
  where="placed in 济南国际医学科学中心, which the plan names as its home (第二章 三、, 第四章 一、); site within the centre unknown" + NO_SITE,
  zh="医学科学中心科研创新平台，规划推动其落地开工。", en="A research platform of the medical science centre that the plan wants started.")
P("prj-sdutcm-eye-school", "山东中医药大学国际眼科与视光医学院", "International School of Ophthalmology and Optometry, Shandong University of Traditional Chinese Medicine", "医养健康",
  box="box6-med", item="山东中医药大学国际眼科与视光医学院", geom=near("med", -500, 400),
  where="placed at a representative point in 济南国际医学科学中心 (the plan's medical cluster); actual site not stated in the plan" + NO_SITE,
  zh="主导产业医养健康领域重点项目。", en="A key medical and health-care project of the plan's lead industries.")
P("prj-precision-medicine-park", "济南精准医学产业园一期", "Jinan Precision Medicine Industrial Park, phase 1", "医养健康",
  box="box6-med", item="济南精准医学产业园一期", lines=(367,), geom=near("med_valley", 300, 500),
  where="placed in 济南国际医学科学中心, where 第四章 一、 names it among the centre's key projects; site within the centre unknown" + NO_SITE,
  zh="医学科学中心重点医养健康项目，规划加快推动建设。", en="A key health project of the medical science centre that the plan wants accelerated.")
P("prj-medtech-innovation-park", "济南医疗健康科技创新产业园一期、二期", "Jinan Medical and Health Technology Innovation Industrial Park, phases 1 and 2", "医养健康",
  box="box6-med", item="济南医疗健康科技创新产业园一期、二期", geom=near("med_valley", 800, 100),
  where="placed at a representative point in 济南国际医学科学中心; actual site not stated in the plan" + NO_SITE,
  zh="主导产业医养健康领域重点项目（一期、二期）。", en="Key medical and health-care project of the lead industries, phases 1 and 2.")
P("prj-greenland-wellness-valley", "绿地康养谷", "Greenland Wellness Valley", "医养健康",
  box="box6-med", item="绿地康养谷", geom=near("med", 200, 900),
  where="site not stated in the plan; placed at a representative point in 济南国际医学科学中心, the plan's health-care cluster" + NO_SITE,
  zh="主导产业医养健康领域重点项目。", en="A key health and wellness project of the lead industries.")
P("prj-shierming-eye-center", "山东施尔明国际眼科与眼视光临床中心", "Shandong Shierming International Ophthalmology and Optometry Clinical Center", "医养健康",
  box="box6-med", item="山东施尔明国际眼科与眼视光临床中心", lines=(365, 155), geom=near("med_valley", -150, -500),
  where="placed in the 医疗硅谷引爆区 of 济南国际医学科学中心, where 第四章 一、 lists it among the launch projects; exact site unknown" + NO_SITE,
  zh="医学科学中心高端引爆项目之一。", en="One of the flagship launch projects of the medical science centre.")
P("prj-medical-incubator", "高端医疗孵化研究中心", "High-end Medical Incubation and Research Center", "医养健康",
  box="box6-med", item="高端医疗孵化研究中心", geom=near("med_valley", 700, -450),
  where="site not stated in the plan; placed at a representative point in 济南国际医学科学中心" + NO_SITE,
  zh="主导产业医养健康领域重点项目。", en="A key medical incubation project of the lead industries.")
P("prj-taoranli-eldercare", "陶然里新中式颐养", "Taoranli New-Chinese-Style Elderly Care", "医养健康",
  box="box6-med", item="陶然里新中式颐养", geom=near("med_south", -600, 200),
  where="site not stated in the plan; placed at a representative point in the south of 济南国际医学科学中心 (the plan's 医养 cluster)" + NO_SITE,
  zh="主导产业医养健康领域重点项目（康养）。", en="A key elderly-care project of the lead industries.")
P("prj-health-bigdata-incubator", "国家健康医疗大数据产业孵化中心", "National Health and Medical Big Data Industry Incubation Center", "医养健康",
  box="box6-med", item="国家健康医疗大数据产业孵化中心", geom=near("med", 900, -700),
  where="placed in 济南国际医学科学中心 next to the 国家健康医疗大数据中心（北方） the plan puts there; site unknown" + NO_SITE,
  zh="依托国家健康医疗大数据中心（北方）发展的产业孵化项目。", en="An incubator built around the national health big-data centre (north).")

# ---- 专栏6 商务会展 -------------------------------------------------------------
P("prj-expo-center-phase2", "山东国际会展中心二期", "Shandong International Convention and Exhibition Center, phase 2", "商务会展",
  box="box6-biz", item="山东国际会展中心二期", lines=(315,), geom=near("expo", -200, 500),
  where="placed next to the existing exhibition centre (" + anchor_text("expo") + "), north of 威海路; the phase-2 site is not stated" + NO_SITE,
  zh="央企总部城中央商务轴的重要载体。", en="A main carrier of the central business axis of the central-SOE headquarters city.")
P("prj-evergrande-ifc", "恒大国际金融中心", "Evergrande International Finance Center", "商务会展",
  box="box6-biz", item="恒大国际金融中心", geom=near("cbd", 300, 250),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站, the plan's business district" + NO_SITE,
  zh="主导产业商务会展领域重点项目。", en="A key business and exhibition project of the lead industries.")
P("prj-zhongke-innovation-plaza", "中科创新广场", "Zhongke Innovation Plaza", "商务会展",
  box="box6-biz", item="中科创新广场", geom=near("cbd", -250, 450),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="主导产业商务会展领域重点项目。", en="A key business and exhibition project of the lead industries.")
P("prj-greenland-qilu-gate", "绿地齐鲁之门", "Greenland Gate of Qilu", "商务会展",
  box="box6-biz", item="绿地齐鲁之门", also_boxes=("box8-cpx",), lines=(315,), geom=near("jnw_east", 500, -150),
  where="placed just east of " + anchor_text("jnw_east") + "; 第二章 三、 puts it on the 央企总部城中央商务轴 next to 济南西站; exact site estimated" + NO_SITE,
  zh="央企总部城中央商务轴上的城市综合体。", en="An urban complex on the central business axis next to Jinan West station.")
P("prj-rongjian-times-fortune-center", "融建时代财富中心", "Rongjian Times Fortune Center", "商务会展",
  box="box6-biz", item="融建时代财富中心", geom=near("cbd", 600, -200),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="主导产业商务会展领域重点项目。", en="A key business project of the lead industries.")
P("prj-xincheng-lingyu", "新城领寓", "Xincheng Lingyu", "商务会展",
  box="box6-biz", item="新城领寓", geom=near("cbd", -200, -400),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="主导产业商务会展领域重点项目。", en="A key business project of the lead industries.")
P("prj-diping-jiadi-complex", "地平甲第商业综合体项目", "Diping Jiadi commercial complex", "商务会展",
  box="box6-biz", item="地平甲第商业综合体项目", geom=near("xisha", -350, -250),
  where="site not stated in the plan; placed near 西沙, where the same developer's 地平西沙幼儿园 (专栏10) points; uncertain" + NO_SITE,
  zh="主导产业商务会展领域重点项目。", en="A key commercial project of the lead industries.")

# ---- 专栏6 智能制造 -------------------------------------------------------------
P("prj-guojing-semiconductor-cluster", "国晶第三代半导体产业集群", "Guojing third-generation semiconductor industrial cluster", "智能制造",
  box="box6-mfg", item="国晶第三代半导体产业集群", geom=near("econ_dev", -400, 350),
  where="placed in the 宽禁带半导体产业小镇 of 济南槐荫经济开发区, which 第四章 三、 bases on 山东天岳 and 国晶电子; site unknown" + NO_SITE,
  zh="依托国晶电子发展第三代半导体产业集群。", en="A third-generation semiconductor cluster built on Guojing Electronics.")
P("prj-sic-fast-epitaxy", "碳化硅快速外延关键技术研发及产业化", "R&D and industrialisation of fast silicon-carbide epitaxy", "智能制造",
  box="box6-mfg", item="碳化硅快速外延关键技术研发及产业化", geom=near("econ_dev", -100, 550),
  where="site not stated; placed in the 宽禁带半导体产业小镇 of 济南槐荫经济开发区, the plan's silicon-carbide cluster" + NO_SITE,
  zh="推动碳化硅半导体全产业链发展的关键技术项目。", en="A key-technology project for the silicon-carbide value chain.")
P("prj-industrial-model-engine", "基于工业互联网平台的工业模型管理引擎", "Industrial model management engine on an industrial-internet platform", "智能制造",
  box="box6-mfg", item="基于工业互联网平台的工业模型管理引擎", geom=near("econ_dev", 450, -350),
  where="site not stated in the plan; placed at a representative point in 济南槐荫经济开发区, the plan's manufacturing zone" + NO_SITE,
  zh="主导产业智能制造领域重点项目（工业互联网）。", en="A key industrial-internet project of the lead industries.")
P("prj-industrial-internet-center", "山东工业互联网平台应用创新推广中心", "Shandong Industrial Internet Platform Application Innovation and Promotion Center", "智能制造",
  box="box6-mfg", item="山东工业互联网平台应用创新推广中心", geom=near("econ_dev", 650, -100),
  where="site not stated in the plan; placed at a representative point in 济南槐荫经济开发区, the plan's manufacturing zone" + NO_SITE,
  zh="主导产业智能制造领域重点项目（工业互联网）。", en="A key industrial-internet project of the lead industries.")
P("prj-sicc-substrate-phase2", "山东天岳碳化硅衬底二期", "SICC silicon-carbide substrate project, phase 2", "智能制造",
  box="box6-mfg", item="山东天岳碳化硅衬底二期", geom=near("econ_dev", -300, 100),
  where="placed at 山东天岳 in the 宽禁带半导体产业小镇 of 济南槐荫经济开发区 (第四章 三、); exact plant site estimated" + NO_SITE,
  zh="依托山东天岳发展碳化硅单晶衬底材料。", en="Silicon-carbide single-crystal substrates, built on SICC.")
P("prj-demai-it-park-2-3", "山东德迈国际信息产业园二三期", "Shandong Demai International Information Industrial Park, phases 2 and 3", "智能制造",
  box="box6-mfg", item="山东德迈国际信息产业园二三期", lines=(397, 295, 337), geom=near("econ_dev", 350, -150),
  where="placed in 济南槐荫经济开发区, where 第二章 三、 puts 山东德迈国际信息产业园; site within the zone estimated" + NO_SITE,
  zh="推动开发区扩容提质，加快推进德迈信息产业园二期、三期建设。", en="Phases 2 and 3 of the Demai IT park, part of upgrading the economic development zone.")
P("prj-joyoung-hq", "九阳总部及创意创新中心", "Joyoung headquarters and creative innovation center", "智能制造",
  box="box6-mfg", item="九阳总部及创意创新中心", lines=(397, 317, 385), geom=near("qilu_jingshi", -900, -250),
  where="placed on 经十西路 west of 齐鲁大道: 第二章 三、 puts the project on the 经十路 axis, but not where along it; position along the road is a guess" + NO_SITE,
  zh="发挥总部带动优势，打造智能家电产业链。", en="A headquarters project to anchor a smart home-appliance industry chain.")
P("prj-jinbaitu-power-equipment", "济南金百图电力成套设备生产加工项目", "Jinan Jinbaitu complete power-equipment manufacturing project", "智能制造",
  box="box6-mfg", item="济南金百图电力成套设备生产加工项目", geom=near("econ_dev", 800, 300),
  where="site not stated in the plan; placed at a representative point in 济南槐荫经济开发区, the plan's manufacturing zone" + NO_SITE,
  zh="主导产业智能制造领域重点项目。", en="A key manufacturing project of the lead industries.")
P("prj-cnc-materials-platform", "高档数控机床关键材料生产应用示范平台", "Demonstration platform for key materials of high-end CNC machine tools", "智能制造",
  box="box6-mfg", item="高档数控机床关键材料生产应用示范平台", geom=near("econ_dev", 100, -450),
  where="site not stated in the plan; placed at a representative point in 济南槐荫经济开发区, the plan's manufacturing zone" + NO_SITE,
  zh="推动高端数控机床核心技术产业化的示范平台。", en="A demonstration platform for high-end CNC machine-tool materials.")

# ---- 专栏6 文化旅游 -------------------------------------------------------------
P("prj-culture-center-phase2", "省会文化艺术中心三馆二期", "Provincial Capital Culture and Art Center: the three museums, phase 2", "文化旅游",
  box="box6-cul", item="省会文化艺术中心三馆二期", geom=near("culture", 250, 300),
  where="placed next to " + anchor_text("culture") + "; the phase-2 site is not stated" + NO_SITE,
  zh="依托“一院三馆”打造“泉城文化艺术会客厅”。", en="Phase 2 of the city library, art museum and mass-art centre cluster.")
P("prj-fantawild-phase2", "方特二期", "Fantawild Oriental Legend, phase 2", "文化旅游",
  box="box6-cul", item="方特二期", geom=near("fangte", 350, 300),
  where="placed next to " + anchor_text("fangte") + "; the phase-2 site is not stated" + NO_SITE,
  zh="提升方特·东方神画文旅品牌影响力。", en="Phase 2 of the Fantawild theme park, a leading tourism brand of the district.")
P("prj-bailian-outlets-phase2", "百联奥特莱斯项目二期", "Bailian Outlets, phase 2", "文化旅游",
  box="box6-cul", item="百联奥特莱斯项目二期", geom=near("laishanhe", -150, -300),
  where="placed near 经十路/腊山河, from general knowledge of where the existing outlet mall is; uncertain" + NO_SITE,
  zh="以宜家、百联奥特莱斯为代表的新消费商圈扩容。", en="Phase 2 of the outlet mall, part of the district's new consumption cluster.")
P("prj-hainacheng-phase2", "海那城商业二期", "Hainacheng commercial project, phase 2", "文化旅游",
  box="box6-cul", item="海那城商业二期", geom=near("cbd", 100, 900),
  where="site not stated in the plan; placed at a representative point in 央企总部城 north-east of 济南西站; uncertain" + NO_SITE,
  zh="主导产业文化旅游领域重点项目。", en="A key culture and tourism project of the lead industries.")

# ---- 专栏6 消费物流 -------------------------------------------------------------
P("prj-yuanda-shopping-plaza", "济南远大购物广场", "Jinan Yuanda Shopping Plaza", "消费物流",
  box="box6-con", item="济南远大购物广场", lines=(405, 102, 315), geom=near("central_park", 500, -250),
  where="placed on the 央企总部城中央商务轴 between the 中央公园 and the exhibition centre, the order in which 第二章 三、 lists them; exact site estimated" + NO_SITE,
  zh="中央商务轴重要载体，“十三五”期间开工建设（第一章 一、（二））。", en="A major retail carrier of the central business axis; construction started in the 13th plan period (chapter 1).",
  status=("开工", "2020", S102, "济南远大购物广场项目开工建设"))
P("prj-wanda-plaza", "万达广场", "Wanda Plaza", "消费物流",
  box="box6-con", item="万达广场", geom=near("cbd", 450, 1500),
  where="site not stated in the plan; placed at a representative point in the 济南西站 area north of the station square; uncertain" + NO_SITE,
  zh="主导产业消费物流领域重点项目。", en="A key retail project of the lead industries.")
P("prj-runhua-auto-town", "黄河润华汽车小镇项目", "Yellow River Runhua Auto Town", "消费物流",
  box="box6-con", item="黄河润华汽车小镇项目", geom=near("kuangshan", -900, 250),
  where="site not stated in the plan; placed in the north-east near the district's existing car-retail area (润华汽车园, 匡山汽车大世界); uncertain" + NO_SITE,
  zh="打造线上线下一体化汽车消费特色区域。", en="An auto-retail town, part of the district's car-consumption cluster.")

# ---- 专栏8 旧城改造 -------------------------------------------------------------
P("prj-zhangliu-village-renewal", "张庄村刘庄村城中村改造", "Urban-village renewal of Zhangzhuang and Liuzhuang villages", "旧城改造",
  box="box8-old", item="张庄村刘庄村城中村改造", lines=(305,), geom=near("zhangliu"),
  where="placed at " + anchor_text("zhangliu") + " from the village names; extent unknown" + NO_SITE,
  zh="二环西路隆起轴的配套项目，规划加快建设。", en="A supporting project of the 2nd Ring Road West growth axis.")
P("prj-med-resettlement-2-3", "国际医学科学中心保障二区三区", "Resettlement areas 2 and 3 of the International Medical Science Center", "旧城改造",
  box="box8-old", item="国际医学科学中心保障二区三区", geom=near("med_south", 250, 0),
  where="placed in the south (兴福) part of 济南国际医学科学中心, where villages are being relocated (第四章 一、); sites unknown" + NO_SITE,
  zh="医学科学中心片区征收安置保障房。", en="Resettlement housing for villages relocated for the medical science centre.")
P("prj-kuangshan-village-renewal", "匡山村城中村改造", "Urban-village renewal of Kuangshan village", "旧城改造",
  box="box8-old", item="匡山村城中村改造", lines=(305,), geom=near("kuangshan"),
  where="placed at " + anchor_text("kuangshan") + " from the village name; extent unknown" + NO_SITE,
  zh="二环西路隆起轴的配套项目，规划加快建设。", en="A supporting project of the 2nd Ring Road West growth axis.")
P("prj-wulipaifang-renewal", "五里牌坊棚户区改造", "Wulipaifang shanty-town redevelopment", "旧城改造",
  box="box8-old", item="五里牌坊棚户区改造", lines=(505, 106), geom=near("wulipaifang"),
  where="placed at " + anchor_text("wulipaifang") + " from the place name; extent unknown" + NO_SITE,
  zh="加快五里牌坊片区建设，打造地标性建筑。", en="Redevelopment of the Wulipaifang area, to bring new landmark buildings.")
P("prj-wangfu-shuitun-renewal", "王府水屯城中村改造", "Urban-village renewal of Wangfu(zhuang) and Shuitun", "旧城改造",
  box="box8-old", item="王府水屯城中村改造", geom=near("wangfu"),
  where="placed at " + anchor_text("wangfu") + " from the village names; extent unknown" + NO_SITE,
  zh="城市更新重点工程（城中村改造）。", en="A key urban-village renewal project.")
P("prj-eryao-renewal", "二药北二药东片区改造", "Renewal of the areas north and east of the No. 2 Pharmaceutical Factory", "旧城改造",
  box="box8-old", item="二药北二药东片区改造", geom=near("wei12", -800, 500),
  where="the factory's site is not stated and not known to us; placed at a representative point in the old town west of 纬十二路" + NO_SITE,
  zh="城市更新重点工程（片区改造）。", en="A key urban-renewal project.")
P("prj-xisha-wangzhuang-renewal", "西沙王庄城中村改造", "Urban-village renewal of Xisha and Wangzhuang", "旧城改造",
  box="box8-old", item="西沙王庄城中村改造", geom=near("xisha", 150, 200),
  where="placed at " + anchor_text("xisha") + " from the village name; extent unknown" + NO_SITE,
  zh="城市更新重点工程（城中村改造）。", en="A key urban-village renewal project.")
P("prj-mintian-flour-mill-renewal", "民天面粉厂棚户区改造", "Mintian Flour Mill shanty-town redevelopment", "旧城改造",
  box="box8-old", item="民天面粉厂棚户区改造", geom=near("xishichang", -300, 250),
  where="placed in the old town near 西市场; the mill's exact site is not known" + NO_SITE,
  zh="城市更新重点工程（棚户区改造）。", en="A key shanty-town redevelopment project.")
P("prj-nanxinzhuang-renewal", "南辛庄片区棚户区改造", "Nanxinzhuang area shanty-town redevelopment", "旧城改造",
  box="box8-old", item="南辛庄片区棚户区改造", geom=near("nanxin"),
  where="placed at " + anchor_text("nanxin") + " from the place name; extent unknown" + NO_SITE,
  zh="城市更新重点工程（棚户区改造）。", en="A key shanty-town redevelopment project.")

# ---- 专栏8 城市综合体 -----------------------------------------------------------
P("prj-poly-culture-complex", "保利文化综合体", "Poly cultural complex", "城市综合体",
  box="box8-cpx", item="保利文化综合体", geom=near("cbd", 900, 300),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="城市更新重点工程（城市综合体）。", en="A key urban-complex project.")
P("prj-sdhs-changheyuan", "山东高速·畅和苑", "Shandong Hi-Speed Changheyuan", "城市综合体",
  box="box8-cpx", item="山东高速·畅和苑", geom=near("cbd", 1100, -500),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="城市更新重点工程（城市综合体）。", en="A key urban-complex project.")
P("prj-jianlu-times-square", "建鲁时代广场", "Jianlu Times Square", "城市综合体",
  box="box8-cpx", item="建鲁时代广场", geom=near("cbd", -500, 100),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="城市更新重点工程（城市综合体）。", en="A key urban-complex project.")
P("prj-lugang-plaza-phase2", "济南路港商业广场二期", "Jinan Lugang Commercial Plaza, phase 2", "城市综合体",
  box="box8-cpx", item="济南路港商业广场二期", geom=near("wei12", 150, -350),
  where="placed on 纬十二路, where 第二章 三、 lists 济南路港商业广场 on the 纬十二路都市消费带; the phase-2 site is not stated" + NO_SITE,
  zh="纬十二路都市消费带商业综合体。", en="An urban complex on the Weishi'er Road consumption belt.")
P("prj-rongjian-fortune-times-square", "融建财富时代广场", "Rongjian Fortune Times Square", "城市综合体",
  box="box8-cpx", item="融建财富时代广场", geom=near("cbd", 750, -550),
  where="site not stated in the plan; placed at a representative point in 央企总部城 east of 济南西站" + NO_SITE,
  zh="城市更新重点工程（城市综合体）。", en="A key urban-complex project.")
P("prj-jinke-world-city", "金科世界城", "Jinke World City", "城市综合体",
  box="box8-cpx", item="金科世界城", geom=near("qilu_jingshi", 250, 150),
  where="placed in the north-east quadrant of the 齐鲁大道/经十西路 junction, where published descriptions of the 大杨 metro station put the 金科世界城 plot; position estimated" + NO_SITE,
  zh="城市更新重点工程（城市综合体）。", en="A key urban-complex project by Line 1's Dayang station.")

# ---- 专栏8 特色街区 -------------------------------------------------------------
P("prj-old-port-renewal", "老商埠历史风貌保护区城市更新项目", "Urban renewal of the old commercial-port historic conservation area", "特色街区",
  box="box8-str", item="老商埠历史风貌保护区城市更新项目", lines=(293,), geom=near("shangbu"),
  where="placed at " + anchor_text("shangbu") + "; a representative point of an area project" + NO_SITE,
  zh="围绕“一园十二坊”建设，重塑百年商埠城市肌理。", en="Renewal of the century-old commercial-port area around its 'one park, twelve lanes' plan.")
P("prj-tea-culture-street", "济南茶文化特色街区改造提升项目", "Jinan tea-culture street upgrade", "特色街区",
  box="box8-str", item="济南茶文化特色街区改造提升项目", geom=near("laotun", 150, 150),
  where="placed at the 老屯 tea market (闫千户), the district's known tea-trade area; the street's extent is not stated" + NO_SITE,
  zh="特色街区提升项目。", en="Upgrade of a featured tea-culture street.")

# ---- 专栏9 道路 ----------------------------------------------------------------
P("prj-zhangliu-roads-1", "张刘片区市政道路一期工程", "Municipal roads of the Zhang–Liu area, phase 1", "道路",
  box="box9-road", item="张刘片区市政道路一期工程", geom=near("zhangliu", -300, -250),
  where="placed in the 张庄/刘庄 area from the name; a representative point of an area road network" + NO_SITE,
  zh="城市基础设施重点工程（道路）。", en="A key road project serving the Zhangzhuang–Liuzhuang renewal area.")
P("prj-hsr-enclosed-roads", "高铁围合区道路建设工程", "Roads in the high-speed-rail enclosed area", "道路",
  box="box9-road", item="高铁围合区道路建设工程", geom=near("hsr_south", -150, 350),
  where="placed in the 高铁围合区 by 济南西站; a representative point of an area road network; the area's limits are estimated" + NO_SITE,
  zh="城市基础设施重点工程（道路）。", en="Roads for the area enclosed by the high-speed lines at Jinan West.")
P("prj-qilu-avenue-north-extension", "济南市齐鲁大道北延工程", "North extension of Qilu Avenue", "道路",
  box="box9-road", item="济南市齐鲁大道北延工程",
  ref=("roads", "road-qilu-north"),
  where='the line of 齐鲁大道北延 in roads.geojson (shared geometry)',
  zh="城市基础设施重点工程，向北衔接齐鲁黄河大桥。", en="Extends Qilu Avenue north towards the new Qilu Yellow River Bridge.")
P("prj-north-south-road-3", "南北三号路", "North–South Road No. 3", "道路",
  box="box9-road", item="南北三号路", geom=near("med", 1300, 300),
  where="location not stated and not known to us; placed at a representative point in 济南国际医学科学中心, where the plan concentrates new roads; uncertain" + NO_SITE,
  zh="城市基础设施重点工程（道路）。", en="A key road project.")
P("prj-medical-avenue-south", "济南国际医学科学中心市政道路医学大道南段", "Medical Avenue (south section), Jinan International Medical Science Center", "道路",
  box="box9-road", item="济南国际医学科学中心市政道路医学大道南段", lines=(367,), geom=near("med", 900, -1400),
  where="representative point in the southern part of 济南国际医学科学中心; the avenue's alignment is not stated" + NO_SITE,
  zh="医学科学中心主干道，形成东西南北贯通的路网。", en="A main road of the medical science centre.")
P("prj-qingdao-road-west-extension", "青岛路西延", "West extension of Qingdao Road", "道路",
  box="box9-road", item="青岛路西延", lines=(367,), ref=("roads", "road-qingdao"), geom=line((116.8522, 36.6905), (116.8700, 36.6905), (116.8795, 36.6905)),
  where="the western part of the line of 青岛路 in roads.geojson (from the 山东第一医科大学 south gate east to 京台高速), the part the road description calls the west extension; shared with that road",
  zh="医学科学中心主次干道建设。", en="Extends Qingdao Road west into the medical science centre.")
P("prj-beitaiping-north-branch", "北太平河北支（美里东路-西沙西路）综合治理及附属绿化工程", "Improvement and greening of the north branch of the Beitaiping River (Meili East Rd – Xisha West Rd)", "道路",
  box="box9-road", item="北太平河北支（美里东路-西沙西路）综合治理及附属绿化工程", geom=near("xisha", -900, 300),
  where="representative point between 美里湖 and 西沙, from the road names in the project name; the channel's course is not known" + NO_SITE,
  zh="城市基础设施重点工程（河道综合治理及绿化）。", en="River improvement and greening between Meili East Road and Xisha West Road.")
P("prj-beitaiping-river-works", "北太平河（腊山河西路至华润东路）及规划路综合整治工程", "Beitaiping River (Laishanhe West Rd – Huarun East Rd) and planned road works", "道路",
  box="box9-road", item="北太平河（腊山河西路至华润东路）及规划路综合整治工程", geom=near("meilihu", -600, -300),
  where="representative point on the north side of the district near 美里湖; the reach's exact course is not known" + NO_SITE,
  zh="城市基础设施重点工程（河道及规划路整治）。", en="River and planned-road improvement works.")
P("prj-bigdata-center-bus-hub", "医疗大数据中心公交枢纽项目", "Bus hub at the health big-data center", "道路",
  box="box9-road", item="医疗大数据中心公交枢纽项目", geom=near("med", 1000, -450),
  where="placed next to the 国家健康医疗大数据中心（北方） in 济南国际医学科学中心; exact site estimated" + NO_SITE,
  zh="城市基础设施重点工程（公交枢纽）。", en="A public-transport hub at the health big-data centre.")

# ---- 专栏9 能源电力 -------------------------------------------------------------
P("prj-west-peak-heat-source", "济南市“外热入济”西部应急调峰热源暨国际医学科学中心多能互补综合供能项目", "Western emergency peak-load heat source (external heat for Jinan) and multi-energy supply for the medical science center", "能源电力",
  box="box9-power", item="济南市“外热入济”西部应急调峰热源暨国际医学科学中心多能互补综合供能项目", lines=(537,), geom=near("med", -700, -500),
  where="placed in 济南国际医学科学中心, which it supplies; plant site not stated" + NO_SITE,
  zh="构建清洁低碳、安全高效的现代能源体系。", en="A clean heat and multi-energy supply project for the west of Jinan and the medical centre.")
P("prj-wangyuan-power-base", "山东网源电力工程有限公司生产检修基地", "Production and maintenance base of Shandong Wangyuan Electric Power Engineering Co.", "能源电力",
  box="box9-power", item="山东网源电力工程有限公司生产检修基地", geom=near("econ_dev", 1000, -750),
  where="site not stated in the plan; placed at a representative point in 济南槐荫经济开发区 (industrial zone); uncertain" + NO_SITE,
  zh="城市基础设施重点工程（能源电力）。", en="A key power-industry facility.")
P("prj-west-station-heat-plant", "西客站热源厂扩建工程", "Expansion of the West Railway Station heat plant", "能源电力",
  box="box9-power", item="西客站热源厂扩建工程", lines=(537,), geom=near("hsr_north", -700, 350),
  where="placed in the 济南西站 (西客站) area the plant is named after; the plant's site is not known" + NO_SITE,
  zh="加快推进热源厂扩建，保障能源稳定供给。", en="Expansion of the heat plant serving the West Railway Station area.")

# ---- 专栏9 水利 ----------------------------------------------------------------
P("prj-laishanhe-west-rd-sewer", "济南市腊山河西路（经十路至青岛路段）污水干管抢修工程", "Emergency repair of the trunk sewer under Laishanhe West Road (Jingshi Rd – Qingdao Rd)", "水利",
  box="box9-water", item="济南市腊山河西路（经十路至青岛路段）污水干管抢修工程", ref=("roads", "road-lashanhe-west"),
  where="the line of 腊山河西路 in roads.geojson, which runs from 经十路 to 青岛路: the trunk sewer lies under that road (shared geometry)" + NO_SITE,
  zh="城市基础设施重点工程（污水干管）。", en="Repair of a trunk sewer between Jingshi Road and Qingdao Road.")
P("prj-laishan-river-works", "济南市腊山河综合整治工程", "Comprehensive improvement of the Laishan River", "水利",
  box="box9-water", item="济南市腊山河综合整治工程", ref=("water", "river-lashan"),
  where='the line of 腊山河 in water.geojson (shared geometry: the works are on that river)',
  zh="城市基础设施重点工程（河道整治）。", en="River improvement works on the Laishan River.")
P("prj-suburban-sewage", "槐荫区城郊污水治理项目", "Suburban sewage treatment in Huaiyin", "水利",
  box="box9-water", item="槐荫区城郊污水治理项目", geom=near("yufuhe", 2200, 1500),
  where="an area-wide project in the district's suburban (rural) west; representative point only" + NO_SITE,
  zh="城市基础设施重点工程（城郊污水治理）。", en="Sewage collection and treatment for the suburban villages.")

# ---- 专栏10 幼儿园 -------------------------------------------------------------
P("prj-kg-jing11", "经十一路片区幼儿园", "Kindergarten in the Jingshiyi Road area", "幼儿园",
  box="box10-kg", item="经十一路片区幼儿园", geom=near("jing11", 200, 150),
  where="placed in the 经十一路 area from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建）。", en="A new kindergarten.")
P("prj-kg-hsr-south-12", "西客站片区高铁围合南侧（12班幼儿园）", "12-class kindergarten, south side of the high-speed-rail enclosed area", "幼儿园",
  box="box10-kg", item="西客站片区高铁围合南侧（12班幼儿园）", geom=near("hsr_south", 200, -250),
  where="placed in the south of the 高铁围合区 by 济南西站 from the name; area limits estimated" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建，12班）。", en="A new 12-class kindergarten.")
P("prj-kg-yangliu-chunfeng", "高铁围合杨柳春风12班幼儿园", "12-class kindergarten at Yangliu Chunfeng, high-speed-rail enclosed area", "幼儿园",
  box="box10-kg", item="高铁围合杨柳春风12班幼儿园", geom=near("hsr_north", 250, 200),
  where="placed in the north of the 高铁围合区, where 专栏10 puts 杨柳春风 (高铁围合北杨柳春风中小学); area limits estimated" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建，12班）。", en="A new 12-class kindergarten.")
P("prj-kg-diping-xisha", "地平西沙幼儿园", "Diping Xisha kindergarten", "幼儿园",
  box="box10-kg", item="地平西沙幼儿园", geom=near("xisha", 300, -200),
  where="placed at 西沙 from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建）。", en="A new kindergarten.")
P("prj-kg-junyue-shoufu", "君悦首府幼儿园", "Junyue Shoufu kindergarten", "幼儿园",
  box="box10-kg", item="君悦首府幼儿园", geom=near("duandian", -400, 700),
  where="the 君悦首府 housing estate's location is not stated and not known to us; representative point in the built-up centre of the district; uncertain" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建）。", en="A new kindergarten.")
P("prj-kg-laiwu-road", "莱芜路幼儿园", "Laiwu Road kindergarten", "幼儿园",
  box="box10-kg", item="莱芜路幼儿园", geom=near("cbd", 400, -800),
  where="placed in the 济南西站 new town, whose roads are named after Shandong cities; where 莱芜路 runs there is not known; uncertain" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建）。", en="A new kindergarten.")
P("prj-kg-duandian", "段店片区改造配套幼托", "Nursery for the Duandian area redevelopment", "幼儿园",
  box="box10-kg", item="段店片区改造配套幼托", geom=near("duandian", 200, 250),
  where="placed at 段店 from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（片区改造配套幼托）。", en="A nursery built with the Duandian redevelopment.")
P("prj-kg-haimufamu", "海慕法姆制药厂幼儿园", "Kindergarten on the Haimufamu pharmaceutical factory site", "幼儿园",
  box="box10-kg", item="海慕法姆制药厂幼儿园", geom=near("nanxin", -500, 600),
  where="the factory's site is not stated and not known to us; representative point in the older built-up east of the district; uncertain" + NO_SITE,
  zh="教育事业重点工程（幼儿园新建）。", en="A new kindergarten on a former factory site.")

# ---- 专栏10 中小学 -------------------------------------------------------------
P("prj-sch-binzhou-middle", "滨州路中学", "Binzhou Road Middle School", "中小学",
  box="box10-sch", item="滨州路中学", geom=near("binzhou", 0, 200),
  where="placed on 滨州路 north of the exhibition centre from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（中学新建）。", en="A new middle school.")
P("prj-sch-binzhou-primary", "滨州路小学", "Binzhou Road Primary School", "中小学",
  box="box10-sch", item="滨州路小学", geom=near("binzhou", 0, -250),
  where="placed on 滨州路 north of the exhibition centre from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（小学新建）。", en="A new primary school.")
P("prj-sch-dongsha-9yr", "东沙片区九年一贯制学校", "Nine-year school in the Dongsha area", "中小学",
  box="box10-sch", item="东沙片区九年一贯制学校", geom=near("dongsha"),
  where="placed at 东沙 from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（九年一贯制学校新建）。", en="A new nine-year (primary and middle) school.")
P("prj-sch-hsr-south-36", "高铁围合南36班九年一贯制学校", "36-class nine-year school, south of the high-speed-rail enclosed area", "中小学",
  box="box10-sch", item="高铁围合南36班九年一贯制学校", geom=near("hsr_south", -250, -150),
  where="placed in the south of the 高铁围合区 by 济南西站 from the name; area limits estimated" + NO_SITE,
  zh="教育事业重点工程（36班九年一贯制学校）。", en="A new 36-class nine-year school.")
P("prj-sch-yangliu-chunfeng", "高铁围合北杨柳春风中小学", "Yangliu Chunfeng primary and secondary school, north of the high-speed-rail enclosed area", "中小学",
  box="box10-sch", item="高铁围合北杨柳春风中小学", geom=near("hsr_north", -150, 350),
  where="placed in the north of the 高铁围合区 by 济南西站 from the name; area limits estimated" + NO_SITE,
  zh="教育事业重点工程（中小学新建）。", en="A new primary and secondary school.")
P("prj-sch-jing11-resettlement", "经十一路安置房配套学校", "School for the Jingshiyi Road resettlement housing", "中小学",
  box="box10-sch", item="经十一路安置房配套学校", geom=near("jing11", -250, -100),
  where="placed in the 经十一路 area from the name; exact site unknown" + NO_SITE,
  zh="教育事业重点工程（安置房配套学校）。", en="A school built with resettlement housing.")

# ---- Projects named in the running text ---------------------------------------
P("prj-expo-center", "山东国际会展中心", "Shandong International Convention and Exhibition Center", "商务会展",
  lines=(393, 102, 305, 461), geom=near("expo"),
  where="placed at the centre of the block the geography note gives (二环西路 east, 滨州路 west, 日照路 south, 威海路 north); coordinates of the block estimated",
  zh="已建成启用；规划推进智慧场馆建设，打造现代化、国际化商务会展中心。", en="Opened in the 13th plan period; the plan upgrades it into a smart venue and international exhibition hub.",
  status=("竣工", "2020", S102, "山东国际会展中心建成启用"))
P("prj-sdu-international-medical-center", "山东大学国际医学中心", "Shandong University International Medical Center", "医养健康",
  lines=(365, 153), geom=near("med_valley", -300, -150),
  where="placed in the 医疗硅谷引爆区 of 济南国际医学科学中心, where 第四章 一、 lists it among the launch projects; exact site unknown" + NO_SITE,
  zh="医学科学中心高端引爆项目之一。", en="One of the flagship launch projects of the medical science centre.")
P("prj-sdu-advanced-medical-institute", "山东大学高等医学研究院", "Shandong University Advanced Medical Research Institute", "科研平台",
  lines=(365, 153), geom=near("med_valley", -650, 100),
  where="placed in the 医疗硅谷引爆区 of 济南国际医学科学中心, where 第四章 一、 lists it among the launch projects; exact site unknown" + NO_SITE,
  zh="医学科学中心高端引爆项目之一。", en="One of the flagship launch projects of the medical science centre.")
P("prj-human-genetic-resources-center", "国家人类遗传资源山东创新中心", "Shandong Innovation Center of the National Human Genetic Resources platform", "科研平台",
  lines=(367, 285, 345), geom=near("med", -200, -500),
  where="placed in 济南国际医学科学中心, which 第二章 三、 names as its home; site unknown" + NO_SITE,
  zh="医学科学中心科研平台，规划推动落地开工（第三章称“国家人类遗传基因库山东创新中心”）。", en="A research platform of the medical centre the plan wants started (called the national human gene bank centre in chapter 3).")
P("prj-qilu-brain-hospital", "齐鲁国际脑科医院", "Qilu International Brain Hospital", "医养健康",
  lines=(367,), geom=near("med", 400, 350),
  where="placed in 济南国际医学科学中心, the subject of 第四章 一、 where it is named; site unknown" + NO_SITE,
  zh="医学科学中心项目，规划推动落地开工。", en="A hospital project of the medical science centre the plan wants started.")
P("prj-sino-austrian-tcm-lab", "中国—奥地利中医药防治重大感染性疾病“一带一路”联合实验室", "China–Austria Belt and Road Joint Laboratory on TCM against major infectious diseases", "科研平台",
  lines=(285,), geom=near("med", -700, 50),
  where="placed in 济南国际医学科学中心, under which 第二章 三、 names it; site unknown" + NO_SITE,
  zh="推动在医学科学中心落地实施的国际联合实验室。", en="An international joint laboratory the plan wants set up in the medical centre.")
P("prj-microecology-lab", "济南微生态生物医学山东省实验室", "Jinan Microecological Biomedicine Shandong Laboratory", "科研平台",
  lines=(345,), geom=near("med", -350, 700),
  where="site not stated; placed in 济南国际医学科学中心, whose platforms 第三章 二、 discusses in the same passage; uncertain" + NO_SITE,
  zh="重大基础研究平台，争取纳入国家级实验室体系。", en="A major basic-research laboratory the plan hopes to raise to national level.")
P("prj-sic-materials-key-lab", "碳化硅材料山东省重点实验室", "Shandong Key Laboratory of Silicon-Carbide Materials", "科研平台",
  lines=(345,), geom=near("econ_dev", -650, -150),
  where="site not stated; placed in the 宽禁带半导体产业小镇 of 济南槐荫经济开发区 with the district's silicon-carbide industry; uncertain" + NO_SITE,
  zh="重大基础研究平台，争取纳入国家级实验室体系。", en="A major basic-research laboratory for silicon-carbide materials.")
P("prj-medical-avenue-underground", "医学大道地下空间开发", "Underground space development of Medical Avenue", "道路",
  lines=(367,), geom=near("med", 900, -900),
  where="representative point on 医学大道 in 济南国际医学科学中心; the avenue's alignment is not stated" + NO_SITE,
  zh="实施医学大道地下空间开发。", en="Development of underground space along Medical Avenue.")
P("prj-dezhou-road-west-extension", "德州路西延", "West extension of Dezhou Road", "道路",
  lines=(367,), geom=near("med", 1500, 700),
  where="representative point on the westward extension of 德州路 into 济南国际医学科学中心; alignment not known; uncertain" + NO_SITE,
  zh="医学科学中心主次干道建设。", en="Extends Dezhou Road west into the medical science centre.")
P("prj-zhongzhao-substation", "中赵变电站", "Zhongzhao substation", "能源电力",
  lines=(367,), geom=near("med", -1200, 800),
  where="placed in 济南国际医学科学中心, for which 第四章 一、 plans it as supporting infrastructure; site unknown" + NO_SITE,
  zh="医学科学中心市政配套工程，规划启动实施。", en="A supporting power substation for the medical science centre.")
P("prj-med-resettlement-education", "安置三区、五区配套教育项目", "Schools for resettlement areas 3 and 5 of the medical science center", "公共服务",
  lines=(367,), geom=near("med_south", -300, -350),
  where="placed in the south (兴福) part of 济南国际医学科学中心 near its resettlement areas; sites unknown" + NO_SITE,
  zh="加快医学科学中心安置三区、五区配套教育项目建设。", en="Schools serving the medical centre's resettlement areas 3 and 5.")
P("prj-wide-bandgap-town", "济南宽禁带半导体产业小镇", "Jinan Wide-Bandgap Semiconductor Industry Town", "智能制造",
  lines=(397, 102, 295, 337), geom=near("econ_dev"),
  where="placed in 济南槐荫经济开发区, where 第二章 三、 puts it; representative point of the town" + NO_SITE,
  zh="以山东天岳、国晶电子为依托，推动碳化硅半导体全产业链发展。", en="A silicon-carbide semiconductor town built on SICC and Guojing; under way in the 13th plan period.",
  status=("在建", "2020", S102, "济南宽禁带半导体产业小镇加快建设"))
P("prj-digital-finance-park", "山东数字金融产业园", "Shandong Digital Finance Industrial Park", "新兴金融",
  lines=(431, 333, 375), geom=near("cbd", 200, -150),
  where="placed in 央企总部城, whose theme buildings 第四章 二、 includes it; building not identified" + NO_SITE,
  zh="打造济南市私募投资集聚区、山东省科技创新金融示范园区。", en="A fintech park meant to become Jinan's private-equity cluster.")
P("prj-new-momentum-service-base", "新动能产业服务基地", "New Growth Drivers Industry Service Base", "商务会展",
  lines=(375,), geom=near("cbd", 550, 200),
  where="placed in 央企总部城, whose theme buildings 第四章 二、 includes it; building not identified" + NO_SITE,
  zh="央企总部城重点打造的主题楼宇。", en="A theme office building of the central-SOE headquarters city.")
P("prj-zhongke-gaosu-incubator", "中科高速孵化器", "Zhongke Gaosu incubator", "科研平台",
  lines=(375,), geom=near("cbd", -100, 200),
  where="placed in 央企总部城, whose theme buildings 第四章 二、 includes it; building not identified" + NO_SITE,
  zh="央企总部城重点打造的主题楼宇。", en="An incubator building of the central-SOE headquarters city.")
P("prj-jinghu-parlour", "“京沪会客厅”展示服务窗口建设工程", "Beijing–Shanghai Parlour exhibition and service centre", "商务会展",
  lines=(377, 375), geom=near("jnw_east", 300, 250),
  where="placed in 央企总部城 by 济南西站 (the 京沪 high-speed gateway the parlour is named for); site not stated" + NO_SITE,
  zh="打造5000余平米的“两展馆、两中心”。", en="A 5,000 m² venue with two exhibition halls and two service centres.")
P("prj-zhongji-internet-hq", "中稷（济南）互联网产业总部基地", "Zhongji (Jinan) Internet Industry Headquarters Base", "商务会展",
  lines=(385,), geom=near("cbd", 1000, 700),
  where="site not stated; placed in 央企总部城, the subject of 第四章 二、 where it is named; uncertain" + NO_SITE,
  zh="大力发展总部经济，加快推进项目建设。", en="A headquarters base for internet companies.")
P("prj-shanneng-tower", "善能大厦", "Shanneng Tower", "商务会展",
  lines=(317,), geom=near("laishan", 500, -150),
  where="placed on 经十路, the axis 第二章 三、 puts it on; position along the road is a guess" + NO_SITE,
  zh="经十路城市发展景观轴重点项目。", en="An office project on the Jingshi Road development axis.")
P("prj-jingshi-flower-avenue", "经十路花卉景观大道", "Jingshi Road flower avenue", "生态环境",
  lines=(317,), ref=("roads", "road-jingshi"),
  where='the line of 经十路 in roads.geojson (shared geometry: the avenue is the road)',
  zh="高标准建设经十路花卉景观大道，打造城市精细化管理样板路。", en="Landscaping Jingshi Road as a flower-lined showcase avenue.")
P("prj-wuqi-station", "五七车站项目", "Wuqi (5-7) Station project", "文化旅游",
  lines=(219, 631), ref=("heritage", "her-wuqi-station"),
  where='the point of 五七车站 in heritage.geojson (shared geometry: the project restores that site)',
  zh="保护利用五七车站，打造全国首个毛泽东调查研究基地和党性教育基地。", en="Restoring the 5-7 Station as a red-culture and Party-education site.")
P("prj-ruikang-pharma-park", "瑞康医药产业园", "Ruikang Pharmaceutical Industrial Park", "医养健康",
  lines=(391,), geom=near("med_south", 500, 600),
  where="site not stated; placed in 济南国际医学科学中心, the district's medical cluster; uncertain" + NO_SITE,
  zh="鼓励发展第三方医学检测服务。", en="A pharmaceutical park supporting third-party medical testing services.")
P("prj-jier-cnc-system", "二机床数控系统研发生产项目", "JIER CNC system R&D and production project", "智能制造",
  lines=(397,), geom=near("duandian", -300, -150),
  where="placed near 段店 on 经十路 from general knowledge of where 济南二机床 lies; uncertain" + NO_SITE,
  zh="推动高端数控机床核心技术产业化。", en="Industrialising core CNC technology at Jinan No. 2 Machine Tool Group.")
P("prj-1953-tea-park", "1953茶文化创意产业园", "1953 Tea Culture Creative Industrial Park", "文化旅游",
  lines=(401,), geom=near("laotun", -250, -200),
  where="placed near the 老屯 tea market (闫千户), the district's tea-trade area; the park's site is not stated; uncertain" + NO_SITE,
  zh="推动1953茶文化创意产业园建设，打造茶文化旅游集聚地。", en="A tea-culture creative park and tourism cluster.")
P("prj-hongyang-plaza", "弘阳广场", "Hongyang Plaza", "消费物流",
  lines=(405,), geom=near("laishan", -300, 300),
  where="site not stated and not known to us; representative point on 经十路 in the 腊山 area; uncertain" + NO_SITE,
  zh="加快推进项目建设，营造消费新场景。", en="A shopping centre to create new consumption scenes.")
P("prj-runhua-auto-park", "润华汽车园", "Runhua Auto Park", "消费物流",
  lines=(405,), geom=near("kuangshan", -600, -450),
  where="placed in the north-east car-retail area near 匡山; the park's site is estimated; uncertain" + NO_SITE,
  zh="推动业态升级，打造全省领先的汽车消费特色区域。", en="Upgrade of an existing car mall into a leading auto-consumption area.")
P("prj-kuangshan-auto-world", "匡山汽车大世界", "Kuangshan Auto World", "消费物流",
  lines=(405,), geom=near("kuangshan", 150, -400),
  where="placed at 匡山 from the name; the market's site is estimated" + NO_SITE,
  zh="推动业态升级，加大新能源、智能网联汽车引进力度。", en="Upgrade of the Kuangshan car market.")
P("prj-med-logistics-park", "国际医学科学中心物流园", "International Medical Science Center logistics park", "消费物流",
  lines=(405,), geom=near("med", -1000, 0),
  where="placed in 济南国际医学科学中心 from the name; site within the centre unknown" + NO_SITE,
  zh="建设“电商+仓储+物流”三位一体新型园区，打造黄河流域物流枢纽。", en="An e-commerce, warehousing and medical-logistics park.")
P("prj-daohuaxiang-pastoral-complex", "泉城稻花香田园综合体", "Quancheng Daohuaxiang pastoral complex", "现代农业",
  lines=(521, 313, 401), ref=("parks", "park-daohuaxiang"),
  where='the polygon of 泉城稻花香田园综合体 in parks.geojson (shared geometry)',
  zh="高标准提升田园综合体建设水平，带动乡村旅游。", en="A rice-field pastoral complex driving rural tourism along the Yellow River.")
P("prj-country-park", "高品质郊野公园", "High-quality country park", "生态环境",
  lines=(521,), ref=("parks", "park-country"),
  where='the polygon of the planned 郊野公园 in parks.geojson (shared geometry)',
  zh="在黄河、玉清湖、济西湿地与赛石玫瑰园交汇处建设高品质郊野公园。", en="A country park where the Yellow River, Yuqing Lake and the Jixi wetland meet.")
P("prj-yellow-river-bank-improvement", "吴家堡席庄村周边区段及济齐路沿线区段环境整治、绿化美化、基础设施增设综合提升治理工程", "Yellow River bank improvement around Xizhuang village (Wujiapu) and along Jiqi Road", "生态环境",
  lines=(447,), geom=near("wujiapu", -400, 0),
  where="representative point near 吴家堡/席庄村 on the Yellow River bank; 济齐路 part not drawn" + NO_SITE,
  zh="打造黄河安澜示范带的综合提升治理工程。", en="Clean-up, greening and new facilities to make a model Yellow River bank.")
P("prj-yuqinghu-landscape", "玉清湖水库景观提升与水生态治理", "Yuqing Lake reservoir landscape and water-ecology works", "生态环境",
  lines=(447,), ref=("water", "reservoir-yuqing"),
  where='the polygon of 玉清湖水库 in water.geojson (shared geometry)',
  zh="沿黄水生态建设重点。", en="Landscape and water-ecology works at Yuqing Lake reservoir.")
P("prj-xiaoqinghe-landscape-belt", "小清河生态景观带景观提升与水生态治理", "Xiaoqing River ecological landscape belt works", "生态环境",
  lines=(447, 297), ref=("water", "river-xiaoqing"),
  where='the line of 小清河 in water.geojson (shared geometry: the belt follows the river)',
  zh="沿黄水生态建设重点。", en="Landscape and water-ecology works along the Xiaoqing River belt.")
P("prj-meilihu-wetland", "美里湖湿地景观提升与水生态治理", "Meili Lake wetland landscape and water-ecology works", "生态环境",
  lines=(447,), ref=("water", "wetland-meilihu"),
  where='the polygon of 美里湖湿地 in water.geojson (shared geometry)',
  zh="沿黄水生态建设重点。", en="Landscape and water-ecology works at Meili Lake wetland.")
P("prj-nanxin-quality-pilot", "南辛片区省级城市品质提升试点", "Nanxin area provincial city-quality pilot", "旧城改造",
  lines=(505,), geom=near("nanxin", 300, 400),
  where="placed in the 南辛庄 area from the name; extent unknown" + NO_SITE,
  zh="推进省级城市品质提升试点，抓好南辛片区试点建设。", en="A provincial pilot for improving urban quality in the Nanxin area.")
P("prj-qianzhouwangzhuang-wall", "前周王庄古城墙遗址保护修缮", "Conservation of the ancient city-wall ruins at Qianzhouwangzhuang", "文化旅游",
  lines=(517,), ref=("heritage", "her-qianzhouwang-wall"),
  where='the point of 前周王庄古城墙遗址 in heritage.geojson (shared geometry)',
  zh="加强历史文物保护修缮、活化利用。", en="Conservation and reuse of the old city-wall ruins.")
P("prj-yufuhe-stone-bridge", "玉符河石桥保护修缮", "Conservation of the Yufu River stone bridge", "文化旅游",
  lines=(517,), ref=("heritage", "her-yufu-bridge"),
  where='the point of 玉符河石桥 in heritage.geojson (shared geometry)',
  zh="加强历史文物保护修缮、活化利用。", en="Conservation and reuse of the historic stone bridge over the Yufu River.")
P("prj-laishanhe-west-rd-north", "腊山河西路北延", "North extension of Laishanhe West Road", "道路",
  lines=(535,), ref=("roads", "road-lashanhe-west-north"),
  where='the line of 腊山河西路北延 in roads.geojson (shared geometry: the project is that road)',
  zh="加快主次干道建设，形成东西南北贯通的路网。", en="Extends Laishanhe West Road north.")
P("prj-kelangshan-west-rd", "克朗山西路", "Kelangshan West Road", "道路",
  lines=(535,), geom=near("med_south", -900, -1500),
  where="location not stated and not known to us; placed in the south of 济南国际医学科学中心 because the plan names it right after the centre's supporting roads; uncertain" + NO_SITE,
  zh="加快主次干道建设。", en="A new arterial road.")
P("prj-jinan-zhengzhou-hsr", "济郑高铁（槐荫段）", "Jinan–Zhengzhou high-speed railway (Huaiyin section)", "铁路",
  lines=(535, 151), ref=("rail_lines", "rail-jizheng-hsr"),
  where='the line of 济郑高铁 in rail_lines.geojson (shared geometry)',
  zh="配合推进建设，“十四五”期间建成通车，形成“大十字”高铁枢纽。", en="The high-speed line from Jinan West to Zhengzhou, due to open in the plan period.",
  outside="continues south-west beyond the district towards 长清 and 聊城")
P("prj-qilu-yellow-river-bridge", "齐鲁黄河大桥", "Qilu Yellow River Bridge", "公路桥梁",
  lines=(535,), geom=line((116.8895, 36.7380), (116.8885, 36.7480), (116.8870, 36.7580)),
  where="schematic line across the Yellow River at the north end of 齐鲁大道北延; position estimated",
  zh="配合推进建设的跨黄河大桥。", en="A new road bridge across the Yellow River north of Qilu Avenue.",
  outside="crosses the Yellow River to 齐河县 (德州市) on the north bank")
P("prj-jingtai-expressway-widening", "京台高速改扩建", "Beijing–Taipei Expressway (G3) widening", "公路桥梁",
  lines=(535,), ref=("roads", "road-g3"),
  where='the line of 京台高速 in roads.geojson (shared geometry: the widening is of that road)',
  zh="配合推进京台高速改扩建。", en="Widening of the G3 Beijing–Taipei expressway.",
  outside="the expressway runs on north across the Yellow River and south into 长清区/市中区")
P("prj-metro-line-4", "轨道交通4号线", "Metro Line 4", "轨道交通",
  lines=(535, 151, 405), ref=("metro_lines", "metro-4"),
  where='the line of Line 4 in metro_lines.geojson (shared geometry and status)',
  zh="配合推进建设，4条轨道交通线路在槐荫交汇成网。", en="A metro line through the district, with a station under Jinan West's west plaza.")
P("prj-metro-line-6", "轨道交通6号线", "Metro Line 6", "轨道交通",
  lines=(535, 151, 315, 405), ref=("metro_lines", "metro-6"),
  where='the line of Line 6 in metro_lines.geojson (shared geometry and status)',
  zh="围绕6号线建设形成TOD中央商务轴。", en="A metro line along the central business axis, with a station under Jinan West's east plaza.")
P("prj-three-rivers-basin", "北太平河、南太平河、虹吸干渠三河流域综合治理工程", "Integrated improvement of the Beitaiping, Nantaiping and siphon-canal basins", "水利",
  lines=(559,), geom=near("meilihu", 900, -700),
  where="representative point for a basin-wide project in the north of the district; the channels are not drawn" + NO_SITE,
  zh="实施河道拓宽清淤、河道绿化、景观提升等，打造美丽河湖。", en="Dredging, widening and greening of three northern waterways.")
P("prj-nandahuaishu-gully", "南大槐树沟流域综合治理工程", "Integrated improvement of the Nandahuaishu gully basin", "水利",
  lines=(559,), geom=near("xishichang", -100, -250),
  where="representative point in the old town near 大槐树; the gully's course is not known" + NO_SITE,
  zh="实施河道治理和景观提升，打造美丽河湖。", en="Improvement of the Nandahuaishu gully and its basin.")
P("prj-econ-dev-sewage", "济南槐荫经济开发区公共集中污水设施", "Central sewage facilities of the Jinan Huaiyin Economic Development Zone", "水利",
  lines=(561,), geom=near("econ_dev", 300, 700),
  where="placed in 济南槐荫经济开发区 from the name; site not stated" + NO_SITE,
  zh="加快开发区公共集中污水设施建设。", en="Public sewage collection and treatment for the economic development zone.")
P("prj-central-park", "央企总部城片区中央公园", "Central Park of the central-SOE headquarters city", "生态环境",
  lines=(567, 315), ref=("parks", "park-central"),
  where='the polygon of 中央公园 in parks.geojson (shared geometry)',
  zh="积极推进央企总部城片区中央公园项目，绘就绿色生态底色。", en="A central park for the new business district.")
P("prj-forest-park-phase2", "济南森林公园二期提升改造项目", "Jinan Forest Park phase 2 upgrade", "生态环境",
  lines=(567,), ref=("parks", "park-forest"),
  where='the polygon of 济南森林公园 in parks.geojson (shared geometry; the phase-2 area within it is not stated)',
  zh="积极推进森林公园二期提升改造。", en="Upgrading the second phase of Jinan Forest Park.")
P("prj-kuangshan-park", "匡山公园及小清河周边环境提升", "Kuangshan Park and Xiaoqing River surroundings improvement", "生态环境",
  lines=(567,), ref=("parks", "park-kuangshan"),
  where='the polygon of 匡山公园 in parks.geojson (shared geometry; the 小清河 reach is not drawn)',
  zh="推进匡山公园及小清河周边环境提升，拓展小清河、匡山生态空间。", en="Improving Kuangshan Park and the Xiaoqing River banks.")
P("prj-huaiyin-hospital-outpatient", "槐荫人民医院门诊综合楼", "Outpatient building of Huaiyin People's Hospital", "公共服务",
  lines=(581,), geom=near("duandian", 400, 500),
  where="the hospital's site is not stated; placed in the older built-up east near 段店 from general knowledge; uncertain" + NO_SITE,
  zh="优化医疗机构资源布局的重点项目。", en="A new outpatient building for the district hospital.")
P("prj-fifth-hospital-north-care", "济南市第五人民医院北区康养中心", "Rehabilitation and care center, north campus of Jinan Fifth People's Hospital", "公共服务",
  lines=(581,), geom=near("nanxin", -1100, 200),
  where="placed near 经十路 west of 南辛庄 from general knowledge of the hospital's site; the north campus is not located; uncertain" + NO_SITE,
  zh="优化医疗机构资源布局的重点项目。", en="A care centre on the hospital's north campus.")
P("prj-provincial-hospital-ward", "山东省立医院病房综合楼", "Ward building of Shandong Provincial Hospital", "公共服务",
  lines=(581,), geom=near("shangbu", 150, -250),
  where="placed at the hospital's central campus (经五纬七路) in the old commercial port; position estimated" + NO_SITE,
  zh="优化医疗机构资源布局的重点项目。", en="A new ward building at the provincial hospital.")
P("prj-rental-beidahuaishu", "北大槐树租赁住房试点", "Beidahuaishu rental-housing pilot", "公共服务",
  lines=(627,), geom=near("xishichang", 100, 250),
  where="placed at 北大槐树 in the old town from the name; exact site unknown" + NO_SITE,
  zh="构建多元化供给、多渠道租赁的住房保障体系。", en="A rental-housing pilot in the old town.")
P("prj-rental-med-center", "济南国际医学科学中心租赁住房试点", "Jinan International Medical Science Center rental-housing pilot", "公共服务",
  lines=(627,), geom=near("med_south", 300, 100),
  where="placed in 济南国际医学科学中心 from the name; site unknown" + NO_SITE,
  zh="构建多元化供给、多渠道租赁的住房保障体系。", en="A rental-housing pilot in the medical science centre.")
P("prj-rental-laishan-fuli", "腊山复利广场租赁住房试点", "Laishan Fuli Plaza rental-housing pilot", "公共服务",
  lines=(627,), geom=near("laishan", 100, -250),
  where="placed in the 腊山 area on 经十路 from the name; exact site unknown" + NO_SITE,
  zh="构建多元化供给、多渠道租赁的住房保障体系。", en="A rental-housing pilot in the Laishan area.")


# ---- Projects added after the audit of the running text (issue 12) ------------------
#: For these, ``quote`` keeps the plan's sentence verbatim (checked against the outline by the tests).
UNSITED_TEXT = "the plan states no site and none is known to us"
UNSITED = f"; {UNSITED_TEXT}: shown at " + ANCHORS["unsited"][2]
P("prj-jinan-cdc-relocation", "济南市疾控中心迁建", "Relocation of the Jinan Center for Disease Control", "公共服务",
  lines=(667,), geom=near("unsited", -300, 1200), where="site" + UNSITED,
  quote="积极推进济南市疾控中心迁建等重大公共卫生项目建设，全面提升应对重大突发公共卫生事件能力",
  zh="重大公共卫生项目，提升应对重大突发公共卫生事件能力。", en="A major public-health project: the city CDC moves to a new site.")
P("prj-emergency-command-center", "区应急指挥中心（全区统一的应急救援指挥中心）", "District emergency command centre (district-wide emergency rescue command centre)", "公共服务",
  lines=(671,), geom=near("unsited", 0, 1200), where="site" + UNSITED + "; the plan builds it on 槐荫智脑中心, whose site is not known either",
  quote="依托槐荫智脑中心，建设全区统一的应急救援指挥中心",
  zh="依托槐荫智脑中心建设全区统一的应急救援指挥中心，推进区应急指挥中心、街道应急救援站点和应急指挥系统建设。",
  en="A single emergency rescue command centre for the district, built on the Huaiyin Smart Brain centre.")
P("prj-emergency-reserve-depots", "槐荫区应急救援储备综合库和防汛抗旱专业库", "Huaiyin emergency rescue reserve depot and flood-and-drought depot", "公共服务",
  lines=(671,), geom=near("unsited", 300, 1200), where="site" + UNSITED,
  quote="推进槐荫区应急救援储备综合库和防汛抗旱专业库建设",
  zh="加密防灾减灾设施和应急基础设施，加强应急物资保障。", en="Depots for emergency rescue supplies and for flood and drought response.")
P("prj-emergency-supplies-depot", "应急物资储备库", "Emergency supplies depot", "公共服务",
  lines=(667,), geom=near("unsited", -300, 600), where="site" + UNSITED,
  quote="加强公共卫生应急物资储备，加快应急物资储备库建设",
  zh="加强公共卫生应急物资储备。", en="A depot for public-health emergency supplies.")
P("prj-maternal-child-center", "区妇幼保健计划生育服务中心改（扩）建", "Rebuilding (extension) of the district maternal and child health and family planning centre", "公共服务",
  lines=(583,), geom=near("unsited", 0, 600), where="site" + UNSITED,
  quote="根据国家标准改（扩）建区妇幼保健计划生育服务中心，提高妇幼保健服务能力",
  zh="按国家标准改（扩）建，提高妇幼保健服务能力。", en="Rebuilt to national standards to raise maternal and child health services.")
P("prj-cdc-standard-lab", "区疾病预防控制中心标准化实验室", "Standardised laboratory of the district disease control centre", "公共服务",
  lines=(583,), geom=near("unsited", 300, 600), where="site" + UNSITED,
  quote="根据县级疾病预防控制中心建设标准建成标准化实验室",
  zh="按县级疾病预防控制中心建设标准建成标准化实验室。", en="A laboratory built to the county-level disease-control standard.")
P("prj-party-school-campus", "党校新校区", "New campus of the district Party school", "公共服务",
  lines=(633,), geom=near("unsited", -300, 0), where="site" + UNSITED,
  quote="建成党校新校区",
  zh="发挥党校主阵地、主渠道作用，建成党校新校区。", en="A new campus for the district Party school.")
P("prj-civilisation-media-center", "文明实践融媒体中心", "Civilisation-practice convergent media centre", "公共服务",
  lines=(633,), geom=near("unsited", 300, 0), where="site" + UNSITED,
  quote="以新时代文明实践中心为载体，推进文明实践融媒体中心建设",
  zh="以新时代文明实践中心为载体建设。", en="A media centre housed in the new-era civilisation-practice centre.")
P("prj-public-cemetery", "区公益性公墓", "District public-welfare cemetery", "公共服务",
  lines=(625,), geom=near("unsited", -300, -600), where="site" + UNSITED,
  quote="加快完成区公益性公墓建设，推动绿色殡葬改革发展",
  zh="加快完成建设，推动绿色殡葬改革发展。", en="A public-welfare cemetery for the district, part of green-burial reform.")
P("prj-sino-us-supercomputing", "中美超算中心山东创新中心", "Shandong Innovation Center of the Sino-US supercomputing centre", "科研平台",
  lines=(345,), geom=near("unsited", 0, -600), where="site" + UNSITED,
  quote="突出抓好国家人类遗传基因库山东创新中心、中美超算中心山东创新中心、浪潮大数据中心等平台建设",
  zh="新型科技人才平台之一。", en="One of the new science-and-talent platforms the plan names.")
P("prj-inspur-bigdata-center", "浪潮大数据中心", "Inspur big-data centre", "科研平台",
  lines=(345,), geom=near("unsited", 300, -600), where="site" + UNSITED,
  quote="突出抓好国家人类遗传基因库山东创新中心、中美超算中心山东创新中心、浪潮大数据中心等平台建设",
  zh="新型科技人才平台之一。", en="One of the new science-and-talent platforms the plan names.")
P("prj-water-network-connection", "黄河—小清河—玉清湖—玉符河—腊山河—兴济河等水系连通工程", "Water-network connection of the Yellow River, Xiaoqing River, Yuqing Lake, Yufu River, Laishan River and Xingji River", "水利",
  lines=(221,), geom=line((116.8120, 36.7080), (116.8270, 36.7010), (116.8165, 36.6815), (116.8600, 36.6870),
                          (116.9080, 36.6600), (116.9475, 36.6550)),
  where="schematic line through the waters it connects, in the plan's order: 黄河 at 玉清湖, 玉清湖, the 玉符河 at 睦里 "
        "(head of 小清河), along 小清河, across to 腊山河 and east to 兴济河; the connecting works are not stated" + NO_SITE,
  quote="持续推进黄河—小清河—玉清湖—玉符河—腊山河—兴济河等水系连通工程",
  zh="实施重点流域水生态修复治理，打造美丽河湖。", en="Links six rivers and lakes to restore the district's water ecology.")
P("prj-key-road-improvement", "经十路、纬十二路、齐州路等重点路段环境综合整治", "Environmental improvement of key roads: Jingshi Road, Weishi'er Road, Qizhou Road", "道路",
  lines=(551,), geom=None, ref=("roads", "road-wei12"),
  where="drawn on the line of 纬十二路 in roads.geojson (shared geometry); 经十路 carries its own flower-avenue project; "
        "齐州路 is not drawn (its course is not known to us)",
  quote="加大经十路、纬十二路、齐州路等重点路段环境综合整治力度，打造城市精细化管理样板路",
  zh="落实“路长制”，打造城市精细化管理样板路。", en="Clean-up of key roads under the road-chief system, as model streets.")
P("prj-xingfu-wujiapu-demolition", "兴福、吴家堡片区剩余村庄和国有土地房屋征收拆迁收尾", "Completing the expropriation of the remaining villages and state-land buildings in the Xingfu and Wujiapu areas", "旧城改造",
  lines=(367,), geom=near("med_south", -800, 900),
  where="placed between the 兴福 (south) and 吴家堡 (north) parts of 济南国际医学科学中心; an area task, representative point only" + NO_SITE,
  quote="强力推进兴福、吴家堡片区剩余村庄和国有土地房屋征收拆迁收尾",
  zh="全力服务医学科学中心项目落地。", en="Finishing land clearance so the medical centre's projects can start.")
P("prj-econ-dev-north-land", "开发区绕城高速以北约3750亩土地空间规划调整", "Spatial-plan adjustment of about 3,750 mu of land north of the ring expressway in the development zone", "智能制造",
  lines=(295,), geom=near("econ_dev_north"),
  where="placed at " + ANCHORS["econ_dev_north"][2] + "; the 3,750 mu are not delimited in the plan" + NO_SITE,
  quote="积极推动开发区绕城高速以北约 3750 亩土地的空间规划调整工作，为开发区扩容提质提供要素支撑",
  zh="为开发区扩容提质提供要素支撑。", en="Re-planning land north of the ring expressway so the development zone can grow.")
P("prj-kuangshan-relocation", "匡山山体周边有关区域整体搬迁", "Relocation of the areas around Kuangshan hill", "生态环境",
  lines=(567,), geom=near("kuangshan", 250, 200),
  where="placed at " + ANCHORS["kuangshan"][2] + "; the areas to be relocated are not delimited" + NO_SITE,
  quote="科学有序实施匡山山体周边有关区域整体搬迁，拓展小清河、匡山生态空间",
  zh="拓展小清河、匡山生态空间。", en="Moving what surrounds Kuangshan hill out, to give the hill and river more green space.")
P("prj-laishan-plot-adjustment", "腊山片区有关地块规划优化调整", "Planning adjustment of plots in the Laishan area", "生态环境",
  lines=(567,), geom=near("laishan", 0, -300),
  where="placed in the 腊山 area south of 经十路; the plots are not identified" + NO_SITE,
  quote="加快推进腊山片区有关地块规划优化调整，实施公益性事业配套建设，加大绿化建设力度，打造高品质城市景观",
  zh="实施公益性事业配套建设，加大绿化建设力度。", en="Re-planning plots in the Laishan area for public facilities and greenery.")
# Borderline items of the text, included (see BORDERLINE_LEFT_OUT for the ones that are not projects).
P("prj-gas-village-connection", "燃气“村村通”工程", "Gas to every village", "能源电力",
  lines=(537,), geom=near("yufuhe", 2600, 1100),
  where="an area-wide project for the villages of the rural west (乡村振兴生态区); representative point only" + NO_SITE,
  quote="扩大燃气基础设施建设向农村延伸，实施燃气“村村通”工程",
  zh="燃气基础设施向农村延伸。", en="Extends the gas network to the villages.")
P("prj-talent-empowerment-port", "智汇槐荫人才赋能港", "Zhihui Huaiyin talent empowerment port", "科研平台",
  lines=(333,), geom=near("unsited", 0, -1200), where="site" + UNSITED,
  quote="打造“智汇槐荫人才赋能港”，建立双创孵化、人才创投、律政咨询等服务联盟和实体平台",
  zh="建立双创孵化、人才创投、律政咨询等服务联盟和实体平台。", en="A physical platform and alliance of services for talent: incubation, venture capital, legal advice.")
P("prj-traditional-medicine-alliance", "国际传统医学防治重大感染性疾病联盟", "International alliance of traditional medicine against major infectious diseases", "科研平台",
  lines=(285,), geom=near("med", -900, 350),
  where="placed in 济南国际医学科学中心, under which 第二章 三、 names it; site unknown" + NO_SITE,
  quote="推动中国—奥地利中医药防治重大感染性疾病“一带一路”联合实验室、国际传统医学防治重大感染性疾病联盟落地实施",
  zh="推动在医学科学中心落地实施。", en="An international alliance the plan wants set up in the medical centre.")

#: Items of the text that look like projects but are not added to projects.geojson, and why.
BORDERLINE_LEFT_OUT: dict[str, str] = {
    "中国华侨国际文化交流基地": "a title the district is to apply for (“培育创建”, 第五章 二、 line 461), not a place or a building",
    "印象济南·泉世界、济西高科都市农庄打造 4A 级景区": "an upgrade of existing places: recorded on their features in landmarks.geojson",
    "方特·东方神画 4A 级旅游景区": "a rating gained in the 13th plan: recorded on its feature in landmarks.geojson",
    "九阳、二机床、鲁味斋 工业旅游项目典范": "a programme for existing firms (第四章 三、 line 401), no new site; 九阳 and 二机床 have their projects",
}


# --------------------------------------------------------------------------
# Zones the plan puts a project in (``zone_ids_stated``), with the sentence (line, verbatim). The spatial
# join is the check: ``planning validate`` reports a project drawn outside a zone stated here.
# --------------------------------------------------------------------------
MED_CENTRE = (283, "高标准加快济南国际医学科学中心片区项目建设和产业优化布局")
MED_LAUNCH = (365, "推进树兰（济南）国际医院、山东大学国际医学中心、山东大学高等医学研究院、山东施尔明国际眼科与眼视光临床中心等一批高端引爆项目落地建设")
MED_PROJECTS = (367, "加快推动济南精准医学产业园一期等重点医养健康项目建设，积极推动国家人类遗传资源山东创新中心、齐鲁国际脑科医院、中科院微生物研究所齐鲁现代微生物技术研究院等项目落地开工")
MED_ROADS = (367, "加快医学大道、青岛路西延、德州路西延等主次干道建设，实施医学大道地下空间开发")
SOE_THEMES = (375, "重点打造山东数字金融产业园、新动能产业服务基地、中科高速孵化器为主题楼宇")
WEI12 = (303, "发挥和谐广场、华联商厦、连城国际、三箭和平广场、济南路港商业广场、绿地新城二期等龙头作用")
ERHUAN = (305, "依托山东国际会展中心、宜家、迪卡侬、财富壹号时代广场等重点支撑项目")
ERHUAN_VILLAGES = (305, "加快匡山城中村改造、张庄村刘庄村城中村改造等配套项目建设")
CBD = (315, "串联济南西站、绿地齐鲁之门、一院三馆、中央公园、济南远大购物广场、山东国际会展中心二期等重要载体")
JINGSHI = (317, "加快推进九阳总部及创意创新中心、善能大厦等项目建设")
JINGSHI_FLOWERS = (317, "高标准建设经十路花卉景观大道")
ECON_DEV = (295, "高水平建设山东德迈国际信息产业园、济南宽禁带半导体产业小镇等项目")
ECON_DEV_LAND = (295, "积极推动开发区绕城高速以北约 3750 亩土地的空间规划调整工作")
SHANGBU = (293, "围绕“一园十二坊”传统风貌区建设规划")
RURAL = (297, "依托济西国家湿地公园、美里湖湿地公园、玉符河、小清河生态景观带、玉清湖等湖河湿地")
YELLOW = (313, "整合黄河千亩银杏林、泉城稻花香田园综合体、黄河文化博览园等景点")
MED_ALLIANCE = (285, "推动中国—奥地利中医药防治重大感染性疾病“一带一路”联合实验室、国际传统医学防治重大感染性疾病联盟落地实施")
MED_INSTITUTES = (285, "依托山东第一医科大学、中科院微生物研究所齐鲁现代微生物技术研究院、国家人类遗传资源共享服务平台山东创新中心等平台")

STATED_ZONES: dict[str, tuple[tuple[str, ...], tuple[int, str]]] = {
    "prj-med-silicon-valley": (("core-medical",), (365, "重点推动医疗硅谷引爆区建设")),
    "prj-shulan-hospital": (("core-medical",), MED_LAUNCH),
    "prj-sdu-international-medical-center": (("core-medical",), MED_LAUNCH),
    "prj-sdu-advanced-medical-institute": (("core-medical",), MED_LAUNCH),
    "prj-shierming-eye-center": (("core-medical",), MED_LAUNCH),
    "prj-precision-medicine-park": (("core-medical",), MED_PROJECTS),
    "prj-human-genetic-resources-center": (("core-medical",), MED_PROJECTS),
    "prj-qilu-brain-hospital": (("core-medical",), MED_PROJECTS),
    "prj-im-cas-qilu-institute": (("core-medical",), MED_PROJECTS),
    "prj-sino-austrian-tcm-lab": (("core-medical",), MED_ALLIANCE),
    "prj-traditional-medicine-alliance": (("core-medical",), MED_ALLIANCE),
    "prj-medical-avenue-underground": (("core-medical",), MED_ROADS),
    "prj-qingdao-road-west-extension": (("core-medical",), MED_ROADS),
    "prj-dezhou-road-west-extension": (("core-medical",), MED_ROADS),
    "prj-zhongzhao-substation": (("core-medical",), (367, "启动实施中赵变电站等配套工程")),
    "prj-med-resettlement-education": (("core-medical",), (367, "加快安置三区、五区配套教育项目")),
    "prj-xingfu-wujiapu-demolition": (("core-medical",), (367, "强力推进兴福、吴家堡片区剩余村庄和国有土地房屋征收拆迁收尾")),
    "prj-med-logistics-park": (("core-medical",), (405, "积极推动国际医学科学中心物流园建设")),
    "prj-rental-med-center": (("core-medical",), (627, "济南国际医学科学中心租赁住房试点")),
    "prj-west-peak-heat-source": (("core-medical",), (537, "济南市“外热入济”西部应急调峰热源暨国际医学科学中心多能互补综合供能项目")),
    "prj-med-resettlement-2-3": (("core-medical",), (511, "国际医学科学中心保障二区三区")),
    "prj-digital-finance-park": (("core-soe-hq",), SOE_THEMES),
    "prj-new-momentum-service-base": (("core-soe-hq",), SOE_THEMES),
    "prj-zhongke-gaosu-incubator": (("core-soe-hq",), SOE_THEMES),
    "prj-lugang-plaza-phase2": (("belt-wei12",), WEI12),
    "prj-expo-center": (("belt-erhuan-west",), ERHUAN),
    "prj-kuangshan-village-renewal": (("belt-erhuan-west",), ERHUAN_VILLAGES),
    "prj-zhangliu-village-renewal": (("belt-erhuan-west",), ERHUAN_VILLAGES),
    "prj-greenland-qilu-gate": (("axis-cbd",), CBD),
    "prj-central-park": (("axis-cbd",), CBD),
    "prj-yuanda-shopping-plaza": (("axis-cbd",), CBD),
    "prj-expo-center-phase2": (("axis-cbd",), CBD),
    "prj-joyoung-hq": (("axis-jingshi",), JINGSHI),
    "prj-shanneng-tower": (("axis-jingshi",), JINGSHI),
    "prj-jingshi-flower-avenue": (("axis-jingshi",), JINGSHI_FLOWERS),
    "prj-demai-it-park-2-3": (("district-econ-dev",), ECON_DEV),
    "prj-wide-bandgap-town": (("district-econ-dev",), ECON_DEV),
    "prj-econ-dev-north-land": (("district-econ-dev",), ECON_DEV_LAND),
    "prj-econ-dev-sewage": (("district-econ-dev",), (561, "加快开发区公共集中污水设施建设")),
    "prj-old-port-renewal": (("district-shangbu",), SHANGBU),
    "prj-meilihu-wetland": (("district-rural-eco",), RURAL),
    "prj-xiaoqinghe-landscape-belt": (("district-rural-eco",), RURAL),
    "prj-yuqinghu-landscape": (("district-rural-eco",), RURAL),
    "prj-daohuaxiang-pastoral-complex": (("axis-yellow-river",), YELLOW),
}

#: Projects the plan (or their name) puts on a road: ``on_road_ids`` (checked: within 200 m of its line).
ON_ROADS: dict[str, tuple[str, ...]] = {
    "prj-joyoung-hq": ("road-jingshi-west",),
    "prj-shanneng-tower": ("road-jingshi",),
    "prj-jingshi-flower-avenue": ("road-jingshi",),
    "prj-lugang-plaza-phase2": ("road-wei12",),
    "prj-laishanhe-west-rd-sewer": ("road-lashanhe-west",),
    "prj-qingdao-road-west-extension": ("road-qingdao",),
    "prj-key-road-improvement": ("road-wei12",),
}

#: Why a project lies in no zone (the spatial join finds none and the plan states none).
NO_ZONE_UNSITED = "the plan states no site and no zone for it: shown at a representative point that lies in no zone"
NO_ZONE = ("the plan names no zone for it, and its estimated position lies outside the eleven zone drawings "
           "(which do not cover the whole district)")


def no_zone_reason(feature: dict[str, Any], zones: list[Any]) -> str | None:
    """Why the project is in no zone, or ``None`` when its geometry meets one."""
    geom = shape(feature["geometry"])
    if any(z.intersects(geom) for z in zones):
        return None
    return NO_ZONE_UNSITED if UNSITED_TEXT in feature["properties"]["geometry_source"] else NO_ZONE


# --------------------------------------------------------------------------
# Building the features
# --------------------------------------------------------------------------
def section_of_line(line_no: int) -> tuple[str, str, str]:
    """(section id, ref, title) of the heading the line falls under."""
    found = None
    for first, sid, ref, title in HEADINGS:
        if first <= line_no:
            found = (sid, ref, title)
    if found is None:
        msg = f"line {line_no} is before the first heading"
        raise ValueError(msg)
    return found


def text_source(line_no: int) -> dict[str, str]:
    if line_no == 377:  # 专栏4 sits inside 第四章 二、
        sid, ref, title = BOXES["box4"][:3]
        return {"ref": ref, "section": sid, "label": title}
    sid, ref, title = section_of_line(line_no)
    return {"ref": ref, "section": sid, "label": f"{title} (line {line_no})"}


def box_source(key: str) -> dict[str, str]:
    sid, ref, label, _ = BOXES[key]
    return {"ref": ref, "section": sid, "label": label}


def status_fields(row: dict[str, Any]) -> dict[str, Any]:
    if row["status"] is None:
        return {"status": UNKNOWN_STATUS, "status_date": None, "status_source": None}
    status, date, line_no, quote = row["status"]
    _, ref, _ = section_of_line(line_no)
    return {"status": status, "status_date": date, "status_source": f"{ref} (line {line_no}): “{quote}”"}


def referenced(row: dict[str, Any], layers: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any] | None:
    """The feature of another layer this project upgrades or extends (``ref``), or ``None``."""
    if row["ref"] is None:
        return None
    layer, fid = row["ref"]
    found = layers.get(layer, {}).get(fid)
    if found is None:
        msg = f"{row['id']}: refers to {layer}/{fid}, which is not in geodata/{layer}.geojson (build that layer first)"
        raise ValueError(msg)
    return found


def shared_fields(row: dict[str, Any], target: dict[str, Any] | None) -> dict[str, Any]:
    """Geometry and status shared with the referenced feature: one real object, one position, one status."""
    if target is None:
        if row["geom"] is None:
            msg = f"{row['id']}: no geometry and no ref"
            raise ValueError(msg)
        return {"geometry": row["geom"], **status_fields(row)}
    props = target["properties"]
    status = status_fields(row)
    if row["status"] is None and props.get("status") not in (None, UNKNOWN_STATUS):
        status = {k: props[k] for k in ("status", "status_date", "status_source")}
    return {"geometry": row["geom"] or target["geometry"], **status}


def feature(row: dict[str, Any], layers: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    target = referenced(row, layers)
    shared = shared_fields(row, target)
    sources = []
    if row["box"]:
        sources.append(box_source(row["box"]))
        sources.extend(box_source(k) for k in row["also_boxes"])
    sources.extend(text_source(n) for n in row["lines"])
    if row["box"]:
        expected = BOXES[row["box"]][3]
        if row["category"] != expected:
            msg = f"{row['id']}: category {row['category']} is not the box grouping {expected}"
            raise ValueError(msg)
    if row["category"] not in CATEGORIES:
        msg = f"{row['id']}: unknown category {row['category']}"
        raise ValueError(msg)
    props: dict[str, Any] = {
        "id": row["id"],
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "category": row["category"],
        **{k: v for k, v in shared.items() if k != "geometry"},
        "source": sources[0]["label"],
        "source_section": sources[0]["section"],
        "sources": sources,
        "box_item_zh": row["item"],
        "source_quote": row["quote"],
        "refers_to": {"layer": row["ref"][0], "id": row["ref"][1]} if row["ref"] else None,
        **stated_zone_fields(row["id"]),
        "on_road_ids": list(ON_ROADS.get(row["id"], ())),
        "zone_override": None,
        "geometry_quality": "approximate",
        "geometry_source": row["where"],
        "extends_beyond_district": row["outside"] is not None,
        "description_zh": row["zh"],
        "description_en": row["en"],
    }
    outside = row["outside"] or (target["properties"].get("outside_note") if target else None)
    props["extends_beyond_district"] = outside is not None
    if outside is not None:
        props["outside_note"] = outside
    if props["status"] not in STATUSES:
        msg = f"{row['id']}: unknown status {props['status']}"
        raise ValueError(msg)
    return {"type": "Feature", "properties": props, "geometry": shared["geometry"]}


def stated_zone_fields(pid: str) -> dict[str, Any]:
    """``zone_ids_stated`` and the sentence stating them (quoted with its section and line)."""
    if pid not in STATED_ZONES:
        return {"zone_ids_stated": [], "zone_stated_source": None}
    zones, (line_no, sentence) = STATED_ZONES[pid]
    return {"zone_ids_stated": list(zones), "zone_stated_source": f"{section_of_line(line_no)[1]} (line {line_no}): “{sentence}”"}


def read_layers(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The other layers' features by id (``{layer: {id: feature}}``), for projects that refer to them."""
    layers: dict[str, dict[str, dict[str, Any]]] = {}
    for layer in sorted({r["ref"][0] for r in ROWS if r["ref"]}):
        path = folder / f"{layer}.geojson"
        doc = json.loads(path.read_text(encoding="utf-8"))
        layers[layer] = {f["properties"]["id"]: f for f in doc["features"]}
    return layers


def build(folder: Path = Path("geodata")) -> list[dict[str, Any]]:
    ids = [r["id"] for r in ROWS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        msg = f"duplicate project ids: {duplicates}"
        raise ValueError(msg)
    unknown = sorted((set(STATED_ZONES) | set(ON_ROADS)) - set(ids))
    if unknown:
        msg = f"STATED_ZONES/ON_ROADS name no project: {unknown}"
        raise ValueError(msg)
    layers = read_layers(folder)
    features = [feature(r, layers) for r in ROWS]
    zone_doc = json.loads((folder / "zones.geojson").read_text(encoding="utf-8"))
    zones = [shape(z["geometry"]) for z in zone_doc["features"]]
    for f in features:
        f["properties"]["no_zone_reason"] = no_zone_reason(f, zones)
    return features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("geodata/projects.geojson"))
    args = parser.parse_args(argv)
    features = build(args.output.parent)
    write_feature_collection(args.output, features)
    print(f"wrote {args.output} ({len(features)} projects)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
