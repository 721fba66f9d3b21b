package org.zoninghub.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.sync.imports.FileImports;
import org.zoninghub.sync.imports.ImportReport;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.web.PathIds;

/**
 * File upload for administrators (docs/files.md and §6): the files the inbox takes, sent over HTTP. The import runs in
 * the background, one at a time with the inbox; its report has the shape of the inbox's {@code {file}.report.json}.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsController {

    private final FileImports imports;

    ImportsController(FileImports imports) {
        this.imports = imports;
    }

    /**
     * Accepts a delivery: one file, or several files in one request (the part {@code file} repeated), joined by unit
     * code and applied as one run; answers 202 with the RUNNING report and its Location, 400 naming the first file
     * that cannot be taken or the limit {@code zoning.sync.files.max-files}, or 429 when
     * {@code zoning.sync.files.upload-queue} uploads are already waiting.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport> upload(@RequestParam("file") List<MultipartFile> files) {
        if (files.size() > imports.maxFiles()) {
            throw new BadRequestException(imports.tooManyFiles(files.size()));
        }
        List<FileImports.NamedContent> contents = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MultipartFile file : files) {
            String name = leafName(file.getOriginalFilename());
            if (name.isBlank()) {
                throw new BadRequestException("a part \"file\" has no file name; the name's extension says how to read"
                        + " it (.geojson, .json, .zip, .gpkg, .xlsx or .csv)");
            }
            if (!FileReaders.isSupported(name)) {
                String reason = new FileReaders(null, null)
                        .read(name, new byte[0])
                        .defects()
                        .get(0)
                        .reason();
                throw new BadRequestException(name + ": " + reason);
            }
            if (file.isEmpty()) {
                throw new BadRequestException(name + ": the uploaded file is empty (0 bytes)");
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new BadRequestException(name + ": two files of the upload have this name");
            }
            contents.add(new FileImports.NamedContent(name, file::transferTo));
        }
        // the content goes to the disk (the inbox's upload folder), never whole into the heap
        String name = String.join(
                ", ", contents.stream().map(FileImports.NamedContent::name).toList());
        ImportReport report = imports.upload(name, contents);
        return ResponseEntity.accepted()
                .header("Location", "/api/v1/imports/" + report.id())
                .body(report);
    }

    @GetMapping("/{id}")
    ImportReport get(@PathVariable String id) {
        UUID uuid = PathIds.uuid(id, "an import");
        return imports.report(uuid).orElseThrow(() -> new NotFoundException("no file import " + id));
    }

    /** The file name without any directory a client sent with it. */
    static String leafName(String name) {
        if (name == null) {
            return "";
        }
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
    }
}
