package org.zoninghub.platform.simulator.national;

import java.util.ArrayList;
import java.util.List;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;

/**
 * Texts of access lists (生态环境准入清单) written in the manner of published lists, and every numbering style
 * {@link org.zoninghub.zoning.ClauseSplitter} reads. Clause bodies contain no digits and no {@code ；} or {@code ;}, so
 * a text splits into exactly the clauses it was made of, whatever its numbering.
 */
public final class ListTexts {

    private ListTexts() {}

    /** A numbering style of clauses and the separator between them. */
    public enum Numbering {
        /** {@code 1.} separated by {@code ；} */
        DOT,
        /** {@code 1．} (full-width dot) separated by {@code ；} */
        FULLWIDTH_DOT,
        /** {@code １．} (full-width digits) separated by {@code ；} */
        FULLWIDTH_DIGITS,
        /** {@code （1）} separated by {@code ；} */
        PAREN,
        /** {@code (1)} separated by {@code ；} */
        ASCII_PAREN,
        /** {@code ①} separated by {@code ；} */
        CIRCLED,
        /** {@code 1、} one clause per line */
        COMMA_LINES,
        /** no numbers: clauses separated by {@code ；} */
        UNNUMBERED;

        String marker(int n) {
            return switch (this) {
                case DOT -> n + ".";
                case FULLWIDTH_DOT -> n + "．";
                case FULLWIDTH_DIGITS -> fullWidth(n) + "．";
                case PAREN -> "（" + n + "）";
                case ASCII_PAREN -> "(" + n + ")";
                case CIRCLED -> String.valueOf((char) ('①' + n - 1));
                case COMMA_LINES -> n + "、";
                case UNNUMBERED -> "";
            };
        }

        /** The clauses joined in this style; the last (or, one per line, every) clause ends with {@code 。}. */
        public String format(List<String> clauses) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < clauses.size(); i++) {
                if (i > 0) {
                    text.append(this == COMMA_LINES ? "\n" : "；");
                }
                text.append(marker(i + 1)).append(clauses.get(i));
                if (this == COMMA_LINES || i == clauses.size() - 1) {
                    text.append('。');
                }
            }
            return text.toString();
        }

        private static String fullWidth(int n) {
            StringBuilder s = new StringBuilder();
            for (char c : Integer.toString(n).toCharArray()) {
                s.append((char) ('０' + (c - '0')));
            }
            return s.toString();
        }
    }

    /** Requirements shared by the units of a category, from which each unit draws a few. */
    public static List<String> common(Category category, Dimension d) {
        return switch (category) {
            case PRIORITY_PROTECTION ->
                pick(
                        d,
                        List.of(
                                "禁止新建、扩建工业项目和矿产资源开发项目，现有不符合管控要求的项目依法有序退出",
                                "严格控制新增建设用地，确需建设的线性基础设施应当优化选线、避让敏感区域",
                                "禁止开垦、采石、采砂、取土等破坏生态功能的活动",
                                "功能受损区域优先开展生态保护修复，恢复生态系统服务功能"),
                        List.of(
                                "禁止新设排污口，现有排污口依法限期拆除或者关闭",
                                "现有居民点生活污水应当收集处理，不得直接排入水体",
                                "严格控制化肥、农药施用量，推进农业面源污染治理",
                                "生活垃圾应当集中收集转运，禁止随意堆放和填埋"),
                        List.of(
                                "禁止运输危险化学品的车辆通行，确需通过的应当采取防渗漏、防溢流措施",
                                "加强森林草原防火和有害生物防治",
                                "建立生态环境监测和巡查制度，及时发现和处置破坏生态环境的行为",
                                "对受损区域实施植被恢复，防止水土流失"),
                        List.of("严格限制地下水开采，保障生态用水", "禁止毁林开荒，严格执行林木采伐限额", "推进退化林地、湿地修复，提高水源涵养能力", "严格保护耕地，控制农村建设用地规模"));
            case KEY_CONTROL ->
                pick(
                        d,
                        List.of(
                                "新建工业项目原则上进入依法合规设立的产业园区",
                                "禁止新建、扩建不符合国家产业政策和园区规划的项目",
                                "居住、学校、医院等环境敏感建筑与工业企业之间应当设置合理的防护距离",
                                "严格控制新建燃煤项目，禁止新建高污染燃料设施"),
                        List.of(
                                "新建、改建、扩建项目实行主要污染物排放总量控制，实行等量或者减量替代",
                                "排污单位应当依法申领排污许可证，按证排污、自行监测",
                                "加强挥发性有机物综合治理，涉VOCs企业应当采用低挥发性原辅材料并密闭收集处理",
                                "城镇污水处理厂出水执行一级A排放标准，配套管网应当雨污分流",
                                "施工工地落实扬尘防治措施，道路实施机械化清扫"),
                        List.of(
                                "涉及有毒有害物质的企业应当编制突发环境事件应急预案并定期演练",
                                "土壤污染重点监管单位应当开展隐患排查和自行监测",
                                "危险废物应当依法贮存、转移和处置，严格执行转移联单制度",
                                "企业拆除设施、设备或者建筑物、构筑物的，应当采取措施防止土壤污染"),
                        List.of(
                                "新建项目能耗、水耗、物耗应当达到国内先进水平",
                                "推进清洁能源替代，城市建成区禁止新建每小时三十五蒸吨以下燃煤锅炉",
                                "提高工业用水重复利用率，推进再生水利用",
                                "推进工业固体废物综合利用，提高资源产出率"));
            case GENERAL_CONTROL ->
                pick(
                        d,
                        List.of("新建工业项目原则上进入产业园区", "禁止在永久基本农田内新建非农建设项目", "村庄建设应当符合国土空间规划，避让生态敏感区域"),
                        List.of("规模化畜禽养殖场应当配套建设粪污处理利用设施", "因地制宜推进农村生活污水治理和农村黑臭水体整治", "推进秸秆禁烧和综合利用"),
                        List.of("加强农用地土壤环境质量监测", "严格管控类耕地禁止种植食用农产品", "加强农村饮用水水源地巡查"),
                        List.of("落实用水总量控制，推进农业节水", "严格保护耕地和林地，节约集约利用土地", "推进农村清洁能源利用"));
        };
    }

    /** The clauses of a prefecture's (city-level) list for one dimension. */
    static List<String> prefecture(String prefectureName, Dimension d) {
        List<String> c = new ArrayList<>(pick(
                d,
                List.of(
                        "严格落实生态保护红线管控要求，生态保护红线内严格禁止开发性、生产性建设活动",
                        "禁止新建、扩建不符合国家产业政策的高耗能、高排放、低水平项目",
                        "新建化工项目原则上进入依法合规设立的化工园区"),
                List.of("严格落实污染物排放总量控制制度，新建项目实行主要污染物排放等量或者减量替代", "排污单位应当依法取得排污许可证并按证排污"),
                List.of("涉及有毒有害物质的企业应当编制突发环境事件应急预案并报生态环境主管部门备案", "土壤污染重点监管单位应当落实土壤污染隐患排查义务"),
                List.of("实行最严格水资源管理制度，落实用水总量和强度双控", "推进煤炭消费减量替代，提高清洁能源利用比例")));
        c.add(0, "执行" + prefectureName + "生态环境分区管控总体要求");
        return c;
    }

    /** The clauses of a basin's list for one dimension. */
    static List<String> basin(String basinName, Dimension d) {
        return pick(
                d,
                List.of(basinName + "干流及主要支流岸线一公里范围内禁止新建、扩建化工项目", basinName + "重要湿地和河湖生态缓冲带内禁止侵占水域岸线"),
                List.of(basinName + "控制单元内新建项目实行重点水污染物排放减量替代", "推进城镇污水处理设施提标改造和配套管网建设"),
                List.of("建立" + basinName + "上下游突发水污染事件联防联控机制"),
                List.of("保障" + basinName + "重要河湖生态流量", "严格控制高耗水行业发展规模"));
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
}
