package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verb rules of {@link ClauseStrength} on clauses of the Liaoyuan lists, and the industry table's look-ups. */
class ClauseStrengthTest {

    static final List<String> CHEMICALS = List.of("有机化学原料制造", "化工", "化学原料", "化工项目", "有机化工");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "东丰镇城镇开发边界内禁止新建化工、电镀、制革等重污染项目，现有重污染企业逐步搬迁入园|PROHIBITED",
                "水源涵养区内禁止新建、扩建化工、有色金属冶炼等项目|PROHIBITED",
                "严格控制在东辽河、辉发河干流及主要支流岸线一公里范围内新建、扩建化工、造纸、制革、印染等项目|RESTRICTED",
                "新建化工项目原则上进入依法合规设立的化工园区或者化工集中区|OTHER",
                "严禁在河道管理范围内新建有机化工项目|PROHIBITED",
                "园区内化工企业不得擅自扩大产能|PROHIBITED",
                "限制新建化学原料项目|RESTRICTED",
                "禁止新设排污口，现有化工企业应当完善雨污分流|OTHER",
                "现有化工企业应当完善雨污分流，禁止新建化工项目|PROHIBITED",
                "严格控制化工项目；禁止新建有机化学原料制造项目|PROHIBITED",
            })
    void aClauseNamingTheIndustryIsJudgedByTheVerbOfItsPiece(String clause, ClauseStrength.Strength expected) {
        assertThat(ClauseStrength.of(clause, CHEMICALS))
                .hasValueSatisfying(m -> assertThat(m.strength()).isEqualTo(expected));
    }

    @Test
    void aClauseNotNamingTheIndustryIsNotMatched() {
        assertThat(ClauseStrength.of("禁止新建、扩建工业项目和矿产资源开发项目", CHEMICALS)).isEmpty();
    }

    @Test
    void theMatchListsTheNamesFound() {
        assertThat(ClauseStrength.of("禁止新建有机化工项目", CHEMICALS).orElseThrow().names())
                .containsExactly("化工", "化工项目", "有机化工");
    }

    @Test
    void theIndustryTableFindsAClassByCodeOrName() {
        IndustryTable table = new IndustryTable();

        assertThat(table.find("C2614"))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("有机化学原料制造"));
        assertThat(table.find(" c2614 ")).isPresent();
        assertThat(table.find("2614"))
                .hasValueSatisfying(c -> assertThat(c.code()).isEqualTo("C2614"));
        assertThat(table.find("皮革鞣制加工"))
                .hasValueSatisfying(c -> assertThat(c.code()).isEqualTo("C1910"));
        assertThat(table.find("C1910").orElseThrow().names()).contains("制革");
        assertThat(table.find("Z9999")).isEmpty();
        assertThat(table.find("化工")).as("a synonym is not a class").isEmpty();
    }
}
