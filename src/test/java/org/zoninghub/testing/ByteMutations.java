package org.zoninghub.testing;

import java.util.Arrays;
import java.util.Random;

/** Byte-level mutations of a valid input, for the tests that feed damaged files and pages to the hub's readers. */
public final class ByteMutations {

    private ByteMutations() {}

    /**
     * One to four mutations: a bit flipped, a byte set to one of {@code interesting}, the input cut, a run of up to
     * 64 bytes repeated, a run removed, and with {@code extremeInts} a 32-bit field set to {@code Integer.MAX_VALUE}
     * or -1 (counts and lengths in binary headers). The same {@code random} gives the same mutations.
     */
    public static byte[] mutate(byte[] input, Random random, byte[] interesting, boolean extremeInts) {
        byte[] b = input.clone();
        int ops = 1 + random.nextInt(4);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(extremeInts ? 6 : 5)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = interesting[random.nextInt(interesting.length)];
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(64));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at + len);
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(64));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                default -> {
                    int v = random.nextBoolean() ? Integer.MAX_VALUE : -1;
                    for (int j = 0; j < 4 && at + j < b.length; j++) {
                        b[at + j] = (byte) (v >>> (8 * j));
                    }
                }
            }
        }
        return b;
    }
}
