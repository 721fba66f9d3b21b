package org.zoninghub.sync.camel;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.zoninghub.sync.imports.FileImports.Upload;
import org.zoninghub.sync.imports.ImportQueue;

/** Hands uploaded files to the {@code sync.inbox-upload} route, whose single consumer imports them in turn. */
@Component
class CamelImportQueue implements ImportQueue {

    static final String ENDPOINT = "seda:sync.inbox-upload";

    private final ProducerTemplate producer;

    CamelImportQueue(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void submit(Upload upload) {
        producer.sendBody(ENDPOINT, upload);
    }
}
