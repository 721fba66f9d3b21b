package org.zoninghub.zoning;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A river basin units drain to; its code is the scope code of its list (e.g. {@code LIAOHE}, {@code 辽河流域}). The
 * basins a hub knows are data, given by its {@link Jurisdiction} ({@code zoning.jurisdiction.basins}); 辽源市's are
 * {@link #LIAOHE} and {@link #SONGHUA}. Two basins are the same when their codes are; basins sort by code.
 *
 * @param code upper-case ASCII letters, digits and {@code _}, starting with a letter, at most 32 characters
 * @param chineseName the name the platform and the lists use (LYMC), e.g. {@code 辽河流域}
 */
public record Basin(String code, String chineseName) implements Comparable<Basin> {

    /** The shape of a basin code. */
    public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    /** 辽河流域. */
    public static final Basin LIAOHE = new Basin("LIAOHE", "辽河流域");

    /** 松花江流域. */
    public static final Basin SONGHUA = new Basin("SONGHUA", "松花江流域");

    /** The basins of 辽源市, the default jurisdiction. */
    public static final List<Basin> LIAOYUAN = List.of(LIAOHE, SONGHUA);

    public Basin {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(chineseName, "chineseName");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "basin code must be upper-case letters, digits and _ (at most 32), got '" + code + "'");
        }
        if (chineseName.isBlank()) {
            throw new IllegalArgumentException("basin " + code + " needs a name");
        }
    }

    /** The code, as the enum this type once was named its constants: {@code LIAOHE}. */
    public String name() {
        return code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Basin b && b.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public int compareTo(Basin other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
