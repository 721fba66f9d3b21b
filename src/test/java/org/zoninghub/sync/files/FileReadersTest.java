package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.files.FileReadersGoldenTest.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadersTest {

    static final FileReaders READERS = new FileReaders(null, null);

    @Test
    void aBadExtensionIsRejectedWithTheTypesThatAreRead() {
        FileImport result = READERS.read("units.kml", new byte[] {1});
        assertThat(result.format()).isEqualTo("unsupported");
        assertThat(result.isClean()).isFalse();
        assertThat(result.defects()).singleElement().satisfies(d -> {
            assertThat(d.record()).isEqualTo("units.kml");
            assertThat(d.reason())
                    .isEqualTo("unsupported file type .kml; expected .geojson or .json (GeoJSON), .zip (Shapefile),"
                            + " .gpkg (GeoPackage), .xlsx or .csv (access lists)");
            assertThat(d).hasToString("units.kml: " + d.reason());
        });
        assertThat(READERS.read("清单", new byte[0]).defects().get(0).reason())
                .startsWith("unsupported file type (no extension)");
        assertThat(READERS.read("清单.xls", new byte[0]).defects().get(0).reason())
                .isEqualTo("Excel 97–2003 workbooks (.xls) are not read; save it as .xlsx");
        assertThat(READERS.read("units.shp", new byte[0]).defects().get(0).reason())
                .startsWith("a Shapefile comes as one .zip");
    }

    @Test
    void theExtensionChoosesTheReaderWhateverItsCase() {
        assertThat(FileReaders.isSupported("UNITS.GEOJSON")).isTrue();
        assertThat(FileReaders.isSupported("dir.v2/units.Zip")).isTrue();
        assertThat(FileReaders.isSupported("lists.xlsx")).isTrue();
        assertThat(FileReaders.isSupported("lists.csv")).isTrue();
        assertThat(FileReaders.isSupported("lists.json")).isTrue();
        assertThat(FileReaders.isSupported("lists.txt")).isFalse();
        assertThat(READERS.read("UNITS.ZIP", golden("units.zip")).format()).isEqualTo("Shapefile");
    }

    @Test
    void aFileIsReadFromDiskUnderItsOwnName(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("单元清单.csv"), golden("unit-lists.csv"));
        FileImport result = READERS.read(file);
        assertThat(result.file()).isEqualTo("单元清单.csv");
        assertThat(result.format()).isEqualTo("CSV");
        assertThat(result.counts().unitListRows()).isEqualTo(4);
    }

    @Test
    void aDefectNamesFileRecordAndReason() {
        FileDefect d = new FileDefect("units.zip", "record #2 (ZH22040210001)", "geometry: ring #1 is not closed");
        assertThat(d).hasToString("units.zip: record #2 (ZH22040210001): geometry: ring #1 is not closed");
    }
}
