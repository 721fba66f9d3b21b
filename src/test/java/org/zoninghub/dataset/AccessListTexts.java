package org.zoninghub.dataset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zoninghub.dataset.LiaoyuanPlan.Kind;
import org.zoninghub.dataset.LiaoyuanPlan.UnitPlan;
import org.zoninghub.platform.simulator.national.ListTexts;
import org.zoninghub.platform.simulator.national.ListTexts.Numbering;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;

/**
 * The texts of the "1+2+61" access lists (生态环境准入清单), written in the manner of published lists: for each of
 * the four dimensions a few numbered clauses, the first naming the unit's own town, park or water body, the rest
 * drawn from requirements typical of its kind of area.
 *
 * <p>Clause bodies never begin with a digit and contain no Arabic numerals at all (quantities are written in Chinese,
 * e.g. 三十五蒸吨), and never contain the separators {@code ；} or {@code ;}, so a reader can split a text into clauses
 * without ambiguity. Different compilers number differently, and so does the dataset: {@code 1.} and {@code （1）}
 * separated by {@code ；}, {@code ①} separated by {@code ；}, and {@code 1、} with one clause per line.
 */
final class AccessListTexts {

    private AccessListTexts() {}

    /** How a division's lists are numbered. */
    static Numbering numberingOf(String divisionCode) {
        return switch (divisionCode) {
            case LiaoyuanPlan.LONGSHAN -> Numbering.COMMA_LINES;
            case LiaoyuanPlan.XIAN -> Numbering.CIRCLED;
            case LiaoyuanPlan.DONGFENG -> Numbering.PAREN;
            default -> Numbering.DOT;
        };
    }

    // ---- the "1": city-wide ---------------------------------------------------------------------------------

    static Map<Dimension, String> city() {
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        texts.put(
                Dimension.SPATIAL_LAYOUT,
                Numbering.DOT.format(List.of(
                        "严格落实生态保护红线管控要求，自然保护地核心保护区原则上禁止人为活动，生态保护红线内其他区域严格禁止开发性、生产性建设活动，在符合法律法规的前提下仅允许对生态功能不造成破坏的有限人为活动",
                        "禁止新建、扩建不符合国家产业政策的高耗能、高排放、低水平项目，新建、扩建“两高”项目应当依法依规进入产业园区",
                        "新建化工项目原则上进入依法合规设立的化工园区或者化工集中区",
                        "严格控制在东辽河、辉发河干流及主要支流岸线一公里范围内新建、扩建化工、造纸、制革、印染等项目",
                        "推动城市建成区内现有重污染企业搬迁改造或者依法关闭")));
        texts.put(
                Dimension.EMISSION_CONTROL,
                Numbering.DOT.format(List.of(
                        "严格落实污染物排放总量控制制度，新建、改建、扩建项目实行主要污染物排放等量或者减量替代",
                        "排污单位应当依法取得排污许可证并按证排污，实现固定污染源排污许可全覆盖",
                        "城市建成区禁止新建每小时三十五蒸吨以下燃煤锅炉，加快淘汰燃煤小锅炉",
                        "推进钢铁、水泥、焦化等行业超低排放改造，加强挥发性有机物无组织排放控制")));
        texts.put(
                Dimension.RISK_PREVENTION,
                Numbering.DOT.format(List.of(
                        "涉及有毒有害物质的企业应当编制突发环境事件应急预案并报生态环境主管部门备案",
                        "土壤污染重点监管单位应当落实土壤污染隐患排查、自行监测等义务",
                        "列入建设用地土壤污染风险管控和修复名录的地块，未达到风险管控、修复目标的，禁止开工建设与风险管控、修复无关的项目")));
        texts.put(
                Dimension.RESOURCE_EFFICIENCY,
                Numbering.DOT.format(List.of(
                        "实行最严格水资源管理制度，落实用水总量和强度双控",
                        "推进煤炭消费减量替代，提高天然气、生物质能等清洁能源利用比例",
                        "新建项目单位产品能耗、水耗、物耗应当达到国内先进水平",
                        "严格保护耕地特别是永久基本农田，加强黑土地保护利用",
                        "推进工业固体废物和农作物秸秆综合利用")));
        return texts;
    }

    // ---- the "2": river basins ------------------------------------------------------------------------------

    static Map<Dimension, String> basin(Basin basin) {
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        if (basin == Basin.LIAOHE) {
            Numbering n = Numbering.DOT;
            texts.put(
                    Dimension.SPATIAL_LAYOUT,
                    n.format(List.of(
                            "东辽河干流及一级支流沿岸严格控制新建涉水重污染项目",
                            "东辽河源头区域禁止新建、扩建工业项目，现有项目逐步退出",
                            "加强二龙山水库上游汇水区保护，禁止在河道管理范围内新建规模化畜禽养殖场")));
            texts.put(
                    Dimension.EMISSION_CONTROL,
                    n.format(List.of(
                            "排入东辽河及其支流的污染物执行吉林省辽河流域水污染物排放标准",
                            "东辽河流域新建涉水项目实行化学需氧量、氨氮排放倍量替代",
                            "规模化畜禽养殖场应当配套建设粪污处理利用设施",
                            "城镇污水处理厂出水执行一级A排放标准")));
            texts.put(
                    Dimension.RISK_PREVENTION,
                    n.format(List.of("加强东辽河跨界断面水质监测预警，建立上下游联防联控机制", "沿河涉危险化学品企业应当设置事故应急池并落实围堰、截流措施")));
            texts.put(
                    Dimension.RESOURCE_EFFICIENCY,
                    n.format(List.of("保障东辽河生态基流，合理调度水库下泄流量", "严格控制地下水开采，推进农业高效节水灌溉", "推进城镇再生水用于工业冷却和河道生态补水")));
        } else {
            Numbering n = Numbering.PAREN;
            texts.put(
                    Dimension.SPATIAL_LAYOUT,
                    n.format(List.of(
                            "辉发河上游及其支流横道河、大梨树河沿岸严格控制新建涉水工业项目",
                            "水源涵养区内禁止新建、扩建化工、有色金属冶炼等项目",
                            "严格控制坡耕地开垦，二十五度以上陡坡耕地逐步退耕还林")));
            texts.put(
                    Dimension.EMISSION_CONTROL,
                    n.format(List.of(
                            "排入辉发河及其支流的污染物执行国家和吉林省相关排放标准，重点行业执行特别排放限值",
                            "推进乡镇污水处理设施建设，农村生活污水分类治理",
                            "加强梅花鹿等特色养殖粪污综合利用")));
            texts.put(Dimension.RISK_PREVENTION, n.format(List.of("建立辉发河流域突发水污染事件联防联控机制", "加强尾矿库和危险废物贮存设施环境风险排查整治")));
            texts.put(
                    Dimension.RESOURCE_EFFICIENCY,
                    n.format(List.of("保障辉发河支流生态流量，严控小水电开发", "推广节水灌溉和水肥一体化，提高农业用水效率", "加强林地保护，提高森林覆盖率和水源涵养能力")));
        }
        return texts;
    }

    // ---- the "61": units ------------------------------------------------------------------------------------

    /** The four texts of a unit, deterministic for a unit name. */
    static Map<Dimension, String> unit(UnitPlan plan, Basin basin) {
        Random random = new Random(LiaoyuanGeometry.SEED + plan.name().hashCode());
        Numbering numbering = numberingOf(plan.division());
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            List<String> lead = leading(plan.kind(), dimension);
            List<String> pool = new ArrayList<>(common(plan.category(), dimension));
            int extra = 1 + random.nextInt(Math.min(4, pool.size()));
            List<String> clauses = new ArrayList<>(lead);
            while (clauses.size() < lead.size() + extra && !pool.isEmpty()) {
                clauses.add(pool.remove(random.nextInt(pool.size())));
            }
            List<String> filled = clauses.stream()
                    .limit(6)
                    .map(c -> c.replace("{place}", plan.place())
                            .replace("{water}", plan.water())
                            .replace("{division}", LiaoyuanPlan.divisionName(plan.division()))
                            .replace("{basin}", basin.chineseName()))
                    .toList();
            texts.put(dimension, numbering.format(filled));
        }
        return texts;
    }

    /** The clauses that open a dimension for a kind of unit, naming its place or water. */
    private static List<String> leading(Kind kind, Dimension d) {
        return switch (kind) {
            case WATER_SOURCE ->
                pick(
                        d,
                        List.of(
                                "禁止在{water}饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目",
                                "禁止在{water}饮用水水源二级保护区内新建、改建、扩建排放污染物的建设项目"),
                        List.of("禁止向{water}水域排放工业废水和生活污水，已建成的排放污染物的建设项目依法责令拆除或者关闭"),
                        List.of("在{water}上游汇水区设置水质监测预警点，制定饮用水水源突发环境事件应急预案"),
                        List.of("严格控制{water}周边取水规模，保障城乡供水安全"));
            case RED_LINE ->
                pick(
                        d,
                        List.of("{place}一带生态保护红线内，严格禁止开发性、生产性建设活动，在符合现行法律法规前提下，除国家重大战略项目外，仅允许对生态功能不造成破坏的有限人为活动"),
                        List.of("红线内现有零散居民点和旅游设施应当完善污水收集处理设施，污水不得排入{water}"),
                        List.of("加强{place}一带森林防火和林业有害生物监测防控"),
                        List.of("严格保护天然林和公益林，禁止商业性采伐"));
            case PROTECTED_AREA ->
                pick(
                        d,
                        List.of("严格执行自然保护地管理规定，核心保护区原则上禁止人为活动，一般控制区内限制开发建设", "禁止在{water}周边开垦、填埋、排干湿地或者擅自改变湿地用途"),
                        List.of("景区旅游设施产生的污水应当处理达标后回用，不得排入{water}"),
                        List.of("防范外来物种入侵，加强{place}一带野生动植物栖息地保护"),
                        List.of("控制游客容量，合理利用森林景观资源"));
            case BLACK_SOIL ->
                pick(
                        d,
                        List.of("{place}黑土地保护区内严格控制非农建设占用耕地，禁止盗挖、滥挖和非法买卖黑土"),
                        List.of("推广测土配方施肥和病虫害绿色防控，化肥、农药使用量保持零增长"),
                        List.of("加强受污染耕地安全利用，严格管控类耕地禁止种植食用农产品"),
                        List.of("实施保护性耕作和秸秆还田，提升{place}耕地有机质含量"));
            case ECO_FUNCTION ->
                pick(
                        d,
                        List.of("{place}生态功能重要区内限制大规模、高强度的工业和城镇开发建设"),
                        List.of("限制新建排放重金属和持久性有机污染物的项目"),
                        List.of("加强{place}一带水土流失治理和地质灾害防治"),
                        List.of("实施封山育林和退耕还林，提高水源涵养和水土保持功能"));
            case WATER_PRIORITY ->
                pick(
                        d,
                        List.of("{water}源头及两岸缓冲带内禁止新建、扩建涉水工业项目和规模化畜禽养殖场"),
                        List.of("{water}干流及支流沿岸村屯生活污水应当纳管或者就地处理"),
                        List.of("建立{water}上下游水质监测和预警机制"),
                        List.of("保障{water}生态基流，严格控制河道采砂"));
            case URBAN ->
                pick(
                        d,
                        List.of("{place}城镇开发边界内禁止新建化工、电镀、制革等重污染项目，现有重污染企业逐步搬迁入园"),
                        List.of("完善{place}城镇污水管网，推进老旧管网改造和雨污分流，城镇生活污水应收尽收"),
                        List.of("加强{water}城区段排水口排查整治，防范汛期溢流污染"),
                        List.of("推广集中供热和清洁取暖，提高建筑节能水平"));
            case PARK ->
                pick(
                        d,
                        List.of("{place}严格落实园区规划及规划环评要求，入园项目应当符合园区产业定位"),
                        List.of("{place}工业废水应当经预处理达到接管要求后排入园区污水集中处理设施，园区污水集中处理设施出水达标排放"),
                        List.of("{place}应当建立园区环境风险防控体系，设置事故应急池和园区级应急物资储备"),
                        List.of("{place}推进循环化改造，提高工业固体废物综合利用率"));
            case TOWN ->
                pick(
                        d,
                        List.of("{place}建成区内新建工业项目应当进入产业园区，禁止在建成区上风向新建排放大气污染物的项目"),
                        List.of("加快{place}生活污水处理设施及配套管网建设，畜禽养殖粪污应当资源化利用"),
                        List.of("加强{place}周边{water}沿岸企业环境风险排查"),
                        List.of("推进{place}农村清洁取暖和秸秆综合利用"));
            case MINING ->
                pick(
                        d,
                        List.of("{place}新建矿产资源开发项目应当符合矿产资源规划，禁止在生态保护红线和饮用水水源保护区内开采", "禁止在采煤沉陷区新建居住区、学校、医院等环境敏感建筑"),
                        List.of("矿井水应当处理后综合利用或者达标排放，煤矸石堆场应当采取防扬尘、防渗漏措施"),
                        List.of("开展{place}历史遗留矿山和采煤沉陷区土壤污染状况调查，落实风险管控措施"),
                        List.of("推进矿山生态修复和绿色矿山建设，提高煤矸石综合利用率"));
            case WATER_KEY ->
                pick(
                        d,
                        List.of("{water}城区段两岸禁止新建排放水污染物的工业项目"),
                        List.of("实施{water}城区段入河排污口排查整治，推进城镇污水处理厂提标改造"),
                        List.of("建立{water}城区段水质自动监测预警体系"),
                        List.of("推进城市再生水用于河道生态补水和市政杂用"));
            case GENERAL ->
                pick(
                        d,
                        List.of("执行辽源市及{basin}总体管控要求，{division}一般管控单元以经济社会可持续发展为导向"),
                        List.of("执行国家、吉林省和辽源市污染物排放标准及总量控制要求"),
                        List.of("执行辽源市及{basin}环境风险防控基本要求"),
                        List.of("执行辽源市资源利用总量和效率管控要求"));
        };
    }

    private static List<String> pick(
            Dimension d, List<String> layout, List<String> emission, List<String> risk, List<String> resource) {
        return switch (d) {
            case SPATIAL_LAYOUT -> layout;
            case EMISSION_CONTROL -> emission;
            case RISK_PREVENTION -> risk;
            case RESOURCE_EFFICIENCY -> resource;
        };
    }

    /** Requirements shared by the units of a category, from which each unit draws a few (shared with the national set). */
    private static List<String> common(Category category, Dimension d) {
        return ListTexts.common(category, d);
    }
}
