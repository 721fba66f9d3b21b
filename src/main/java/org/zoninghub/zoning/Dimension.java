package org.zoninghub.zoning;

import java.util.Arrays;
import java.util.Optional;

/** The four dimensions an access list is written in, with the national field code of each. */
public enum Dimension {
    SPATIAL_LAYOUT("KJBJYS", "空间布局约束"),
    EMISSION_CONTROL("PWWPFGK", "污染物排放管控"),
    RISK_PREVENTION("HJFXFK", "环境风险防控"),
    RESOURCE_EFFICIENCY("ZYKFXLYQ", "资源开发效率要求");

    private final String fieldCode;
    private final String chineseName;

    Dimension(String fieldCode, String chineseName) {
        this.fieldCode = fieldCode;
        this.chineseName = chineseName;
    }

    public String fieldCode() {
        return fieldCode;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Optional<Dimension> ofFieldCode(String fieldCode) {
        return Arrays.stream(values())
                .filter(d -> d.fieldCode.equals(fieldCode))
                .findFirst();
    }
}
