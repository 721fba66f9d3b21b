package org.zoninghub.zoning;

import java.util.Arrays;
import java.util.Optional;

/** Whether a control unit is in force; the Chinese name is the value of the national {@code ZT} field. */
public enum UnitStatus {
    ACTIVE("有效"),
    RETIRED("废止");

    private final String chineseName;

    UnitStatus(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Optional<UnitStatus> ofChineseName(String name) {
        return Arrays.stream(values()).filter(s -> s.chineseName.equals(name)).findFirst();
    }
}
