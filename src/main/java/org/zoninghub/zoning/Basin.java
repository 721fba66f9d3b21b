package org.zoninghub.zoning;

import java.util.Arrays;
import java.util.Optional;

/** The river basins a jurisdiction's units drain to; the basin code is the scope code of its list. */
public enum Basin {
    LIAOHE("辽河流域"),
    SONGHUA("松花江流域");

    private final String chineseName;

    Basin(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Optional<Basin> ofChineseName(String name) {
        return Arrays.stream(values()).filter(b -> b.chineseName.equals(name)).findFirst();
    }
}
