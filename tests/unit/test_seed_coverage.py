"""The shipped data against the plan's text: every target, project and carrier the plan names is there, verbatim.

Each list below keeps the plan's own sentence for every entry, and a test checks that the sentence occurs in the
outline (``geodata/plan_outline.txt``, a verbatim copy of the plan), so the lists cannot drift from the text.
"""

from __future__ import annotations

import re

import pytest
from tests.helpers import GEODATA

OUTLINE = (GEODATA / "plan_outline.txt").read_text(encoding="utf-8")
OUTLINE_FLAT = re.sub(r"\s+", "", OUTLINE)


def in_outline(sentence: str) -> bool:
    """True when the sentence occurs in the plan (whitespace and page breaks ignored)."""
    return re.sub(r"\s+", "", sentence) in OUTLINE_FLAT


# --- targets -----------------------------------------------------------------------------------

#: The ten numeric targets of the running text: (id, value, unit, comparison, the plan's sentence).
TEXT_TARGETS = [
    ("t2025-key-schools", 2, "所", "at_least", "“十四五”期间，每年至少培育2—3所重点学校"),
    ("t2025-innovation-carriers", 6, "家", "at_least", "新增孵化器及众创空间等各类创新创业载体6家"),
    ("t2025-unicorn-gazelle-firms", 10, "家", "at_least",
     "培育“独角兽”企业、“瞪羚”企业、专精特新“小巨人”企业和单项冠军、隐形冠军10家"),
    ("t2025-polluted-farmland-safe-use", 100, "%", "at_least", "确保受污染耕地安全利用率、受污染地块安全利用率均达到100%"),
    ("t2025-polluted-sites-safe-use", 100, "%", "at_least", "确保受污染耕地安全利用率、受污染地块安全利用率均达到100%"),
    ("t2025-emergency-stations-coverage", 100, "%", "at_least", "织密基层应急救援站点，街道覆盖率达到100%"),
    ("t2025-circle-convenience-15min", 15, "分钟", "at_most", "打造 15 分钟社区便民商圈"),
    ("t2025-circle-health-15min", 15, "分钟", "at_most", "打造15分钟健康服务圈"),
    ("t2025-circle-reading-30min", 30, "分钟", "at_most", "构建30分钟“阅读圈”"),
    ("t2025-circle-fitness-10min", 10, "分钟", "at_most", "打造城市社区 10 分钟健身圈"),
]


@pytest.mark.parametrize(("tid", "value", "unit", "comparison", "sentence"), TEXT_TARGETS, ids=[x[0] for x in TEXT_TARGETS])
def test_text_target_is_present_with_the_plans_number(shipped_plan, tid, value, unit, comparison, sentence):
    assert in_outline(sentence), sentence
    target = next((x for x in shipped_plan.targets if x.id == tid), None)
    assert target is not None, tid
    assert (target.target_value, target.unit, target.comparison, target.target_year) == (value, unit, comparison, 2025)
    assert in_outline(target.target_text), target.target_text
    assert str(value) in target.target_text


def test_waste_sorting_16_streets_is_the_base_not_the_target(shipped_plan):
    target = next(x for x in shipped_plan.targets if x.id == "t2025-waste-sorting-streets")
    assert (target.baseline_value, target.target_value) == (16, None)
    assert in_outline(target.baseline_text) and in_outline(target.target_text)


#: Targets whose row gives no unit (专栏1 row 8) or whose sentence gives no number (so no “%”).
NO_UNIT = ["box1-08", "t2025-ev-charging-stations", "t2025-river-water-quality"]


def test_no_unit_the_plan_does_not_give(shipped_plan):
    by_id = {x.id: x for x in shipped_plan.targets}
    assert [by_id[tid].unit for tid in NO_UNIT] == [None] * len(NO_UNIT)
    # 专栏2 rows 16 and 17 give “(人)” and “(张)”, not per-thousand units.
    assert (by_id["box2-16"].unit, by_id["box2-17"].unit) == ("人", "张")
    assert not {x.unit for x in shipped_plan.targets} & {"人/千人", "张/千人", "件/万人"}


def test_every_percent_target_has_a_number_or_is_from_a_table_row_giving_percent(shipped_plan):
    for target in shipped_plan.targets:
        if target.unit == "%" and target.source_section not in ("box1", "box2"):
            assert target.target_value is not None, target.id


#: Plan-internal conflicts: both statements, each in the plan, named in the note of every target concerned.
CONFLICTS = [
    (("t2025-cluster-medical-health", "t2025-med-health-scale"), ("打造医养健康千亿级产业集群", "医养健康产业总规模突破500亿元")),
    (("t2025-cluster-consumption-logistics", "t2025-consumer-logistics-scale"), ("百亿级产业集群", "消费物流总规模突破50亿元")),
    (("box2-14",), ("[6.7]", "五年新增城镇就业 9.6 万人")),
    (("box1-11",), ("<6", "2.14 登记失业率")),
]


@pytest.mark.parametrize(("ids", "statements"), CONFLICTS, ids=[c[0][0] for c in CONFLICTS])
def test_plan_internal_conflicts_keep_both_statements(shipped_plan, ids, statements):
    by_id = {x.id: x for x in shipped_plan.targets}
    for statement in statements:
        assert in_outline(statement), statement
    for tid in ids:
        note = by_id[tid].conflict_note_zh
        assert note and by_id[tid].conflict_note_en, tid
        for statement in statements:
            assert statement in note, (tid, statement)


def test_target_count(shipped_plan):
    assert len(shipped_plan.targets) == 90


# --- projects ----------------------------------------------------------------------------------

#: Projects the running text names that an audit found missing: (id, the plan's sentence naming it).
TEXT_PROJECTS = [
    ("prj-jinan-cdc-relocation", "积极推进济南市疾控中心迁建等重大公共卫生项目建设"),
    ("prj-emergency-command-center", "依托槐荫智脑中心，建设全区统一的应急救援指挥中心"),
    ("prj-emergency-reserve-depots", "推进槐荫区应急救援储备综合库和防汛抗旱专业库建设"),
    ("prj-emergency-supplies-depot", "加快应急物资储备库建设"),
    ("prj-maternal-child-center", "根据国家标准改（扩）建区妇幼保健计划生育服务中心"),
    ("prj-cdc-standard-lab", "根据县级疾病预防控制中心建设标准建成标准化实验室"),
    ("prj-party-school-campus", "建成党校新校区"),
    ("prj-civilisation-media-center", "推进文明实践融媒体中心建设"),
    ("prj-public-cemetery", "加快完成区公益性公墓建设"),
    ("prj-sino-us-supercomputing", "中美超算中心山东创新中心"),
    ("prj-inspur-bigdata-center", "浪潮大数据中心等平台建设"),
    ("prj-water-network-connection", "持续推进黄河—小清河—玉清湖—玉符河—腊山河—兴济河等水系连通工程"),
    ("prj-key-road-improvement", "加大经十路、纬十二路、齐州路等重点路段环境综合整治力度"),
    ("prj-xingfu-wujiapu-demolition", "强力推进兴福、吴家堡片区剩余村庄和国有土地房屋征收拆迁收尾"),
    ("prj-econ-dev-north-land", "积极推动开发区绕城高速以北约 3750 亩土地的空间规划调整工作"),
    ("prj-kuangshan-relocation", "科学有序实施匡山山体周边有关区域整体搬迁"),
    ("prj-laishan-plot-adjustment", "加快推进腊山片区有关地块规划优化调整"),
    # borderline items, included
    ("prj-gas-village-connection", "实施燃气“村村通”工程"),
    ("prj-talent-empowerment-port", "打造“智汇槐荫人才赋能港”"),
    ("prj-traditional-medicine-alliance", "国际传统医学防治重大感染性疾病联盟落地实施"),
]


@pytest.mark.parametrize(("pid", "sentence"), TEXT_PROJECTS, ids=[x[0] for x in TEXT_PROJECTS])
def test_text_project_is_present_with_its_sentence(shipped_plan, pid, sentence):
    assert in_outline(sentence), sentence
    found = shipped_plan.projects[shipped_plan.projects["id"] == pid]
    assert len(found) == 1, pid
    row = found.iloc[0]
    quote = row["source_quote"]
    assert in_outline(quote) and re.sub(r"\s+", "", sentence) in re.sub(r"\s+", "", quote), (pid, quote)
    section = row["sources"][0]["section"]
    from planning.outline import parse_outline, section_text

    sections = {s.id: s for s in parse_outline(OUTLINE)}
    assert re.sub(r"\s+", "", quote) in re.sub(r"\s+", "", section_text(OUTLINE, sections[section])), (pid, section)


def test_every_source_quote_is_verbatim(shipped_plan):
    for layer_id, gdf in shipped_plan.layers.items():
        if "source_quote" not in gdf.columns:
            continue
        for _, row in gdf.iterrows():
            if isinstance(row["source_quote"], str):
                assert in_outline(row["source_quote"]), f"{layer_id} {row['id']}: {row['source_quote']}"


#: Facts the plan does not state, which used to appear in descriptions without a source of their own.
UNSOURCED_FACTS = [("metro_lines", "metro-1", "2019"), ("heritage", "her-fengda-bank", "1919"),
                   ("heritage", "her-muli-sluice", "1904"), ("projects", "prj-shulan-hospital", "2020年已开工"),
                   ("projects", "prj-yuanda-shopping-plaza", "2020年已开工")]


@pytest.mark.parametrize(("layer", "fid", "fact"), UNSOURCED_FACTS, ids=[x[1] for x in UNSOURCED_FACTS])
def test_facts_the_plan_does_not_state_are_gone(shipped_plan, layer, fid, fact):
    assert fact not in OUTLINE_FLAT or fact == "2019"  # 2019 is in the plan, but not about Line 1
    row = shipped_plan.feature(layer, fid)
    assert fact not in str(row["description_zh"]) and fact not in str(row["description_en"])


def test_the_outline_is_derived_not_surveyed(shipped_plan):
    boundary = shipped_plan.layer("boundary").iloc[0]
    assert boundary["geometry_quality"] == "derived"
    assert "GCJ-02" in boundary["geometry_source"] and "WGS84" in boundary["geometry_source"]


#: How the plan names features whose name is not its own words (the plan's own wording, checked below).
ALIASES = {"prj-kuangshan-village-renewal": "匡山城中村改造", "prj-old-port-renewal": "老商埠",
           "prj-cdc-standard-lab": "疾病预防控制中心建设标准建成标准化实验室"}


def _named_in(fid: str, name: str, section_id: str) -> bool:
    from planning.outline import parse_outline, section_text

    sections = {s.id: s for s in parse_outline(OUTLINE)}
    text = re.sub(r"\s+", "", section_text(OUTLINE, sections[section_id]))
    core = re.sub(r"（[^）]*段）|项目$|工程$", "", name)
    return core in text or core[:4] in text or ALIASES.get(fid, core) in text


def test_every_feature_cites_a_section_that_names_it(shipped_plan):
    """Stations cite the section naming their line (the plan names no station), so they are left out."""
    wrong = []
    for layer_id, gdf in shipped_plan.layers.items():
        if layer_id in ("metro_stations", "boundary"):
            continue
        for _, row in gdf.iterrows():
            sources = row["sources"] if layer_id == "projects" else [{"section": row["source_section"]}]
            for src in sources:
                if src["section"] != "context" and not _named_in(row["id"], row["name_zh"], src["section"]):
                    wrong.append((layer_id, row["id"], src["section"]))
    assert wrong == []


# --- carriers (landmarks.geojson) --------------------------------------------------------------

#: Existing places the plan names as carriers: (id, name, the plan's sentence, zones the plan names it for).
CARRIERS = [
    ("lm-hexie-plaza", "和谐广场", "发挥和谐广场、华联商厦、连城国际、三箭和平广场", ("belt-wei12",)),
    ("lm-hualian-store", "华联商厦", "发挥和谐广场、华联商厦、连城国际", ("belt-wei12",)),
    ("lm-liancheng-intl", "连城国际", "华联商厦、连城国际、三箭和平广场", ("belt-wei12",)),
    ("lm-sanjian-heping-plaza", "三箭和平广场", "连城国际、三箭和平广场、济南路港商业广场", ("belt-wei12",)),
    ("lm-lugang-plaza", "济南路港商业广场", "三箭和平广场、济南路港商业广场、绿地新城二期等龙头作用", ("belt-wei12",)),
    ("lm-greenland-xincheng-2", "绿地新城二期", "济南路港商业广场、绿地新城二期等龙头作用", ("belt-wei12",)),
    ("lm-ikea", "宜家", "依托山东国际会展中心、宜家、迪卡侬、财富壹号时代广场等重点支撑项目", ("belt-erhuan-west",)),
    ("lm-decathlon", "迪卡侬", "宜家、迪卡侬、财富壹号时代广场等重点支撑项目", ("belt-erhuan-west",)),
    ("lm-fortune-one-times-square", "财富壹号时代广场", "迪卡侬、财富壹号时代广场等重点支撑项目", ("belt-erhuan-west",)),
    ("lm-metro-cash-carry", "麦德龙", "宜家、麦德龙、迪卡侬为依托，打造全省一站式购物中心", ()),
    ("lm-yiyuan-shierfang", "一园十二坊", "围绕“一园十二坊”传统风貌区建设规划", ("district-shangbu",)),
    ("lm-hexie-shopping-district", "和谐商圈", "提升和谐商圈、西市场商圈时尚气质", ("district-shangbu",)),
    ("lm-xishichang-shopping-district", "西市场商圈", "提升和谐商圈、西市场商圈时尚气质", ("district-shangbu",)),
    ("lm-health-bigdata-center", "国家健康医疗大数据中心（北方）", "充分发挥国家健康医疗大数据中心（北方）作用", ("core-medical",)),
    ("lm-sd-first-medical-univ", "山东第一医科大学", "依托山东第一医科大学、中科院微生物研究所齐鲁现代微生物技术研究院", ("core-medical",)),
    ("lm-science-museum", "省科技馆新馆", "依托“一院三馆”、省科技馆新馆文化设施集群", ()),
    ("lm-grand-theatre", "省会大剧院", "省科技馆新馆、省会大剧院、济南市三馆优势资源", ("axis-cbd",)),
    ("lm-three-museums", "济南市三馆", "省会大剧院、济南市三馆优势资源", ("axis-cbd",)),
    ("lm-provincial-arts-federation", "省文联", "充分利用省文联、省科技馆新馆", ()),
    ("lm-jingshi-wei12-metro-circle", "以经十路纬十二路为核心的地铁商业消费圈", "构建以经十路纬十二路为核心的地铁商业消费圈", ("axis-jingshi",)),
    ("lm-sd-cancer-hospital", "省肿瘤医院", "聚集了省立医院、省肿瘤医院、省皮肤科医院、齐鲁儿童医院", ()),
    ("lm-sd-cancer-hospital-west-ward", "山东省肿瘤医院西区新病房综合楼", "山东省肿瘤医院西区新病房综合楼投入使用", ()),
    ("lm-sd-dermatology-hospital", "省皮肤科医院", "省肿瘤医院、省皮肤科医院、齐鲁儿童医院", ()),
    ("lm-qilu-childrens-hospital", "齐鲁儿童医院", "省皮肤科医院、齐鲁儿童医院等知名大型综合性医院", ()),
    ("lm-impression-jinan", "印象济南·泉世界", "引导培育印象济南·泉世界、济西高科都市农庄打造 4A 级景区", ()),
    ("lm-jixi-gaoke-farm", "济西高科都市农庄", "印象济南·泉世界、济西高科都市农庄打造 4A 级景区", ()),
    ("lm-qinqiong-hometown", "“秦琼故里”", "祝阿古城遗址、“秦琼故里”彰显了深厚的历史人文底蕴", ()),
    ("lm-saishi-rose-garden", "赛石玫瑰园", "在黄河、玉清湖、济西湿地与泉城稻花香田园综合体赛石玫瑰园交汇处", ()),
    ("lm-fantawild", "方特·东方神画", "方特·东方神画被评为国家4A级旅游景区", ()),
    ("lm-huaiyin-smart-brain", "槐荫智脑中心", "建成槐荫智脑中心", ()),
    ("lm-laishan-water-plant", "腊山水质净化厂", "兴济河生态综合治理、腊山水质净化厂项目全面建成", ()),
    ("lm-xingji-river-restoration", "兴济河生态综合治理", "兴济河生态综合治理、腊山水质净化厂项目全面建成", ()),
    ("lm-jinan-polytechnic-campus", "济南理工中等职业学校新校区", "济南理工中等职业学校新校区投入使用", ()),
    ("lm-cross-border-ecommerce-town", "全市首家跨境电商小镇", "全市首家跨境电商小镇项目落地运营", ()),
    ("lm-qiaomengyuan", "侨梦苑", "侨梦苑、新侨创新创业基地获批中国侨联新侨创新创业基地", ("district-econ-dev",)),
    ("lm-xizhuang-village", "席庄村", "发挥席庄村齐鲁乡村振兴样板村的示范引领作用", ("district-rural-eco",)),
    ("lm-yellow-river-culture-expo-park", "黄河文化博览园", "泉城稻花香田园综合体、黄河文化博览园等景点", ("axis-yellow-river",)),
    ("lm-sicc", "山东天岳", "以山东天岳、国晶电子为依托", ("district-econ-dev",)),
    ("lm-demai-it-park", "山东德迈国际信息产业园", "高水平建设山东德迈国际信息产业园、济南宽禁带半导体产业小镇等项目", ("district-econ-dev",)),
    ("lm-guojing", "国晶电子", "以山东天岳、国晶电子为依托", ("district-econ-dev",)),
]

#: Completions the plan states (第一章), each recorded as 竣工 with the sentence.
COMPLETIONS = [
    ("lm-sd-first-medical-univ", "山东第一医科大学建成招生"),
    ("lm-health-bigdata-center", "国家健康医疗大数据中心（北方）首期运行"),
    ("lm-xingji-river-restoration", "兴济河生态综合治理、腊山水质净化厂项目全面建成"),
    ("lm-laishan-water-plant", "兴济河生态综合治理、腊山水质净化厂项目全面建成"),
    ("lm-sd-cancer-hospital-west-ward", "山东省肿瘤医院西区新病房综合楼投入使用"),
    ("lm-huaiyin-smart-brain", "建成槐荫智脑中心"),
    ("lm-jinan-polytechnic-campus", "济南理工中等职业学校新校区投入使用"),
]


@pytest.mark.parametrize(("lid", "name", "sentence", "zones"), CARRIERS, ids=[c[0] for c in CARRIERS])
def test_carrier_is_present_with_its_sentence_and_stated_zones(shipped_plan, lid, name, sentence, zones):
    assert in_outline(sentence), sentence
    row = shipped_plan.feature("landmarks", lid)
    assert row is not None, lid
    assert row["name_zh"] == name
    assert in_outline(row["source_quote"]) and name.strip("“”") in row["source_quote"], row["source_quote"]
    assert tuple(row["zone_ids_stated"]) == zones
    if zones:
        assert row["zone_stated_source"] and all(in_outline(q) for q in re.findall(r"“(.+?)”(?:;|$)", row["zone_stated_source"]))


def test_no_landmark_the_tests_do_not_list(shipped_plan):
    assert sorted(shipped_plan.layer("landmarks")["id"]) == sorted(c[0] for c in CARRIERS)


@pytest.mark.parametrize(("lid", "sentence"), COMPLETIONS, ids=[c[0] for c in COMPLETIONS])
def test_completions_the_plan_states_are_quoted(shipped_plan, lid, sentence):
    row = shipped_plan.feature("landmarks", lid)
    assert in_outline(sentence)
    assert row["status"] == "竣工" and sentence in row["status_source"]


def test_no_status_without_a_verbatim_quote(shipped_plan):
    for layer_id, gdf in shipped_plan.layers.items():
        if "status" not in gdf.columns:
            continue
        for _, row in gdf.iterrows():
            if row["status"] == "未知":
                continue
            quotes = re.findall(r"“(.+?)”", str(row["status_source"]))
            assert quotes and all(in_outline(q) for q in quotes), f"{layer_id} {row['id']}: {row['status_source']}"


def test_every_stated_carrier_lies_in_its_zone(shipped_plan):
    from planning.carriers import zone_carriers

    outside = [(z, c.id) for z in shipped_plan.zones["id"] for c in zone_carriers(shipped_plan, z) if c.stated and not c.inside]
    assert outside == []


# --- zone texts --------------------------------------------------------------------------------


def _zone_quotes(description: str) -> list[str]:
    body = description.split("：", 1)[1].removesuffix("（第二章 三、）。")
    return [q.removeprefix("“").removesuffix("”") for q in body.split("”；“")]


def test_zone_roles_are_the_plans_words(shipped_plan):
    for _, zone in shipped_plan.zones.iterrows():
        quotes = _zone_quotes(zone["description_zh"])
        assert len(quotes) == 2, zone["id"]
        for quote in quotes:
            assert in_outline(quote), (zone["id"], quote)


def test_zone_industries_and_carriers_are_named_by_the_plan(shipped_plan):
    for _, zone in shipped_plan.zones.iterrows():
        for industry in zone["industries_zh"]:
            assert in_outline(industry), (zone["id"], industry)
        for carrier in zone["carriers_zh"]:
            assert in_outline(re.sub(r"（[^）]*）$", "", carrier)), (zone["id"], carrier)


def test_zone_texts_the_audit_found_missing(shipped_plan):
    zone = {z["id"]: z for _, z in shipped_plan.zones.iterrows()}
    assert list(zone["axis-yellow-river"]["industries_zh"]) == []  # “黄河旅游” is a brand, not an industry
    assert {"山东数字金融产业园", "新动能产业服务基地", "中科高速孵化器", "中稷（济南）互联网产业总部基地"} <= set(zone["core-soe-hq"]["carriers_zh"])
    assert {"新材料", "工业打印", "精密仪器", "卫品纸品智造"} <= set(zone["district-econ-dev"]["industries_zh"])
    assert {"山东天岳", "国晶电子"} <= set(zone["district-econ-dev"]["carriers_zh"])
    assert {"医疗健康大数据", "健康养老", "中医药产业"} <= set(zone["core-medical"]["industries_zh"])
    assert {"树兰（济南）国际医院", "山东施尔明国际眼科与眼视光临床中心"} <= set(zone["core-medical"]["carriers_zh"])


def test_zone_summary_counts_the_carriers_the_plan_names(shipped_plan):
    from planning.summary import Summaries

    summaries = Summaries(shipped_plan)
    for lid, _name, _sentence, zones in CARRIERS:
        for zone_id in zones:
            assert lid in summaries.zone(zone_id).carrier_ids, (zone_id, lid)
    stated_projects = shipped_plan.projects[shipped_plan.projects["zone_ids_stated"].map(bool)]
    for _, row in stated_projects.iterrows():
        for zone_id in row["zone_ids_stated"]:
            assert row["id"] in summaries.zone(zone_id).project_ids, (zone_id, row["id"])


#: Zone carriers named in the plan's words that the data holds under another name (the same object).
CARRIER_FEATURES = {
    "中科院微生物研究所齐鲁现代微生物技术研究院": ("projects", "prj-im-cas-qilu-institute"),
    "国家人类遗传资源共享服务平台山东创新中心": ("projects", "prj-human-genetic-resources-center"),
    "医疗硅谷引爆区": ("projects", "prj-med-silicon-valley"),
    "“一园十二坊”传统风貌区": ("landmarks", "lm-yiyuan-shierfang"),
    "匡山城中村改造": ("projects", "prj-kuangshan-village-renewal"),
    "一院三馆": ("landmarks", "lm-grand-theatre"),
    "席庄村（齐鲁乡村振兴样板村）": ("landmarks", "lm-xizhuang-village"),
    "玉清湖": ("water", "reservoir-yuqing"),
}
#: Carriers that are kinds of place to be planned, not named objects (玉符河生态休闲带: “因地制宜规划建设…”).
PLANNED_KINDS = {"康养小镇", "田园综合体", "高效花卉苗木种植园", "现代休闲农业园"}
#: Named carriers drawn outside their zone for a reason: 经四路基督教堂 is across the district line, in 市中区.
OUTSIDE_THE_DISTRICT = {("district-shangbu", "经四路基督教堂")}


def test_every_zone_carrier_is_a_feature_inside_the_zone(shipped_plan):
    from planning.consistency import name_key

    by_name = {}
    for layer_id, gdf in shipped_plan.layers.items():
        if layer_id not in ("zones", "boundary"):
            for _, row in gdf.iterrows():
                by_name.setdefault(name_key(row["name_zh"]), []).append((layer_id, row["id"], row.geometry))
    problems = []
    for _, zone in shipped_plan.zones.iterrows():
        for carrier in zone["carriers_zh"]:
            if carrier in PLANNED_KINDS:
                continue
            if carrier in CARRIER_FEATURES:
                row = shipped_plan.feature(*CARRIER_FEATURES[carrier])
                found = [(None, None, row.geometry)] if row is not None else []
            else:
                found = by_name.get(name_key(carrier), [])
            if not found:
                problems.append((zone["id"], carrier, "missing"))
            elif not any(g.intersects(zone.geometry) for *_, g in found) and (zone["id"], carrier) not in OUTSIDE_THE_DISTRICT:
                problems.append((zone["id"], carrier, "outside"))
    assert problems == [], problems
