package org.zoninghub.sync.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds Shapefile parts and zips byte by byte, for the cases GDAL would not write (odd rings, DBF types). */
final class ShapefileFixture {

    /** A DBF column. */
    record Column(String name, char type, int length, int decimals) {}

    private ShapefileFixture() {}

    /** A polygon record of rings given as x,y pairs, written as given (no re-orientation); z adds PolygonZ data. */
    static byte[] shp(int shapeType, List<double[][]> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int r = 0; r < records.size(); r++) {
            byte[] content = record(shapeType, records.get(r));
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
            head.putInt(r + 1).putInt(content.length / 2);
            body.writeBytes(head.array());
            body.writeBytes(content);
        }
        ByteBuffer header = ByteBuffer.allocate(100);
        header.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (100 + body.size()) / 2);
        header.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, shapeType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** One record: rings[i] = {x0, y0, x1, y1, …}; null for a Null shape. */
    private static byte[] record(int shapeType, double[][] rings) {
        if (rings == null) {
            return ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0)
                    .array();
        }
        int points = 0;
        for (double[] ring : rings) {
            points += ring.length / 2;
        }
        boolean z = shapeType == 15;
        int size = 44 + 4 * rings.length + 16 * points + (z ? 16 + 8 * points + 16 + 8 * points : 0);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(shapeType);
        for (int i = 0; i < 4; i++) {
            b.putDouble(0);
        }
        b.putInt(rings.length).putInt(points);
        int start = 0;
        for (double[] ring : rings) {
            b.putInt(start);
            start += ring.length / 2;
        }
        for (double[] ring : rings) {
            for (double v : ring) {
                b.putDouble(v);
            }
        }
        if (z) {
            b.putDouble(100).putDouble(200);
            for (int i = 0; i < points; i++) {
                b.putDouble(150);
            }
            b.putDouble(0).putDouble(0);
            for (int i = 0; i < points; i++) {
                b.putDouble(0);
            }
        }
        return b.array();
    }

    /** An index file whose length says how many records there are (offsets are not read). */
    static byte[] shx(int records) {
        ByteBuffer b = ByteBuffer.allocate(100 + 8 * records);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (100 + 8 * records) / 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, 5);
        return b.array();
    }

    /**
     * A dBASE III table. Each row is a list of raw field texts (null = blank); a row whose first value is "*" as
     * separate element is marked deleted: use {@link #deleted(List)}.
     */
    static byte[] dbf(List<Column> columns, List<List<String>> rows, Charset charset) {
        int recordLength = 1 + columns.stream().mapToInt(Column::length).sum();
        int headerLength = 32 + 32 * columns.size() + 1;
        ByteBuffer b = ByteBuffer.allocate(headerLength + rows.size() * recordLength + 1)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 3)
                .putInt(4, rows.size())
                .putShort(8, (short) headerLength)
                .putShort(10, (short) recordLength);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            int at = 32 + 32 * i;
            byte[] name = c.name().getBytes(charset);
            b.put(at, name, 0, Math.min(10, name.length));
            b.put(at + 11, (byte) c.type());
            b.put(at + 16, (byte) (c.length() % 256));
            b.put(at + 17, (byte) (c.type() == 'C' ? c.length() / 256 : c.decimals()));
        }
        b.put(headerLength - 1, (byte) 0x0D);
        for (int r = 0; r < rows.size(); r++) {
            int at = headerLength + r * recordLength;
            List<String> row = rows.get(r);
            boolean deleted = row instanceof Deleted;
            b.put(at, (byte) (deleted ? '*' : ' '));
            int pos = at + 1;
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                byte[] field = new byte[c.length()];
                java.util.Arrays.fill(field, (byte) ' ');
                String v = row.get(i);
                if (v != null) {
                    byte[] bytes = v.getBytes(charset);
                    if (c.type() == 'N' || c.type() == 'F') {
                        System.arraycopy(bytes, 0, field, c.length() - bytes.length, bytes.length);
                    } else {
                        System.arraycopy(bytes, 0, field, 0, Math.min(bytes.length, c.length()));
                    }
                }
                b.put(pos, field);
                pos += c.length();
            }
        }
        b.put(b.capacity() - 1, (byte) 0x1A);
        return b.array();
    }

    /** A row marked deleted. */
    static List<String> deleted(List<String> values) {
        return new Deleted(values);
    }

    private static final class Deleted extends ArrayList<String> {
        Deleted(List<String> values) {
            super(values);
        }
    }

    /** A zip of named entries, in order. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entries of a zip, in order. */
    static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A square ring, clockwise when {@code clockwise}, as x,y pairs. */
    static double[] square(double x0, double y0, double size, boolean clockwise) {
        double x1 = x0 + size;
        double y1 = y0 + size;
        return clockwise
                ? new double[] {x0, y0, x0, y1, x1, y1, x1, y0, x0, y0}
                : new double[] {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
    }
}
