package org.zoninghub.sync.imports;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.sync.files.FieldNames;

/**
 * How inbound files are read ({@code zoning.sync.files.*}); where they come from is {@code zoning.sync.inbox} and what
 * happens to invalid records is {@code zoning.sync.on-invalid}.
 *
 * <p>Each file is read within one budget ({@code max-*}); a file that would exceed any of it is rejected with a
 * reason naming the limit, before it is built in memory.
 *
 * @param dbfEncoding text encoding of a Shapefile's DBF when the set has no {@code .cpg} (Chinese GIS software writes
 *     GBK)
 * @param csvEncoding encoding of a CSV list that has no UTF-8 byte order mark and is not valid UTF-8
 * @param lockWait how long an import waits for a provincial sync (or another import) on any instance to finish
 * @param maxBytes decompressed bytes one file may hold in total (every entry of a zip or workbook, or the file)
 * @param maxEntries entries one zip or workbook may hold
 * @param maxRecords records (features, rows, shapes, DBF records, merged ranges) one file may hold
 * @param maxVertices coordinates all geometries of one file may hold
 * @param maxDepth nesting depth of a JSON or WKT text
 * @param uploadQueue uploads waiting for their import at once; a further upload is answered 429
 * @param maxFiles files one delivery may hold (the parts of one upload, the files of an inbox folder, the list files
 *     in a zip); a delivery of more is refused naming this limit before any file is read
 * @param fieldNames further column names per field code, added to the built-in ones ({@link FieldNames#DEFAULTS}),
 *     e.g. {@code HJGKDYBM: [单元代码]}; a name may fill one field only
 */
@Validated
@ConfigurationProperties("zoning.sync.files")
public record ImportProperties(
        @DefaultValue("GBK") @NotNull Charset dbfEncoding,
        @DefaultValue("GBK") @NotNull Charset csvEncoding,
        @DefaultValue("10m") @NotNull Duration lockWait,
        @DefaultValue("256MB") @NotNull DataSize maxBytes,
        @DefaultValue("200") @Min(1) int maxEntries,
        @DefaultValue("100000") @Min(1) int maxRecords,
        @DefaultValue("5000000") @Min(1) long maxVertices,
        @DefaultValue("64") @Min(8) int maxDepth,
        @DefaultValue("8") @Min(1) int uploadQueue,
        @DefaultValue("50") @Min(1) int maxFiles,
        Map<String, List<String>> fieldNames) {

    public ImportProperties {
        fieldNames = fieldNames == null ? Map.of() : Map.copyOf(fieldNames);
        // a name given for two fields is refused at start-up
        new FieldNames(fieldNames);
    }

    /** The field names: the built-in ones and the configured ones. */
    public FieldNames names() {
        return new FieldNames(fieldNames);
    }

    /** The read budget of one file. */
    public ReadBudget.Limits limits() {
        return new ReadBudget.Limits(maxBytes.toBytes(), maxEntries, maxRecords, maxVertices, maxDepth);
    }
}
