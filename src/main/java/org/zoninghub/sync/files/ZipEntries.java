package org.zoninghub.sync.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.zoninghub.spatial.formats.ReadBudget;

/**
 * Reads the entries of a zip (a zipped Shapefile, an XLSX workbook) within a read budget: every entry counts, and
 * every byte decompressed counts, whether the entry is kept or skipped, so neither many entries nor one entry that
 * inflates a thousandfold gets past the budget. Reading stops at the first byte over it.
 */
final class ZipEntries {

    /** What to do with each entry. */
    interface Visitor {
        /** Whether the entry's bytes are wanted ({@link #accept} then receives them); skipped ones are only counted. */
        boolean wants(ZipEntry entry, String name);

        void accept(ZipEntry entry, String name, byte[] bytes);

        /**
         * Whether a skipped entry is charged to the budget elsewhere (a list file of a delivery's zip, which its own
         * reader charges): it is then skipped without counting it a second time. Only for entries already read once
         * within a budget, so that skipping them is known to be bounded.
         */
        default boolean chargedElsewhere(String name) {
            return false;
        }
    }

    private ZipEntries() {}

    /**
     * Reads every entry of a zip through the visitor.
     *
     * @throws ZipException when the zip holds no entry or is malformed
     * @throws ReadBudget.Exceeded when its entries or their decompressed bytes exceed the budget
     */
    static void read(byte[] content, Charset names, ReadBudget budget, Visitor visitor) throws IOException {
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content), names)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                String name = entry.getName().replace('\\', '/');
                if (!entry.isDirectory() && visitor.chargedElsewhere(name)) {
                    zip.transferTo(OutputStream.nullOutputStream());
                    continue;
                }
                budget.entry("entry " + name + " of the zip");
                if (!entry.isDirectory() && visitor.wants(entry, name)) {
                    visitor.accept(entry, name, readAll(zip, name, budget));
                } else {
                    skip(zip, name, budget);
                }
            }
        }
        if (!any) {
            throw new ZipException("no entries (empty or not a zip file)");
        }
    }

    /** Counts the entries and decompressed bytes of a zip without keeping any of it. */
    static void measure(byte[] content, ReadBudget budget) throws IOException {
        read(content, java.nio.charset.StandardCharsets.UTF_8, budget, new Visitor() {
            @Override
            public boolean wants(ZipEntry entry, String name) {
                return false;
            }

            @Override
            public void accept(ZipEntry entry, String name, byte[] bytes) {}
        });
    }

    private static byte[] readAll(InputStream in, String name, ReadBudget budget) throws IOException {
        long left = Math.min(budget.bytesLeft(), Integer.MAX_VALUE - 8L);
        byte[] bytes = in.readNBytes((int) Math.min(left + 1, Integer.MAX_VALUE - 8L));
        budget.bytes(bytes.length, "entry " + name + " of the zip");
        return bytes;
    }

    private static void skip(InputStream in, String name, ReadBudget budget) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            budget.bytes(n, "entry " + name + " of the zip");
        }
    }
}
