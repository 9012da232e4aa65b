package com.quota.targets.definition.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.PayloadTooLargeException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * An uploaded CSV file read whole as text, up to its own limit: a year's targets for 10,000 reps is about 1 MB, four
 * times the 256 KB every other request body may have. Over the limit: 413, before anything is parsed.
 */
public final class CsvFiles {

    private CsvFiles() {
    }

    public static Mono<String> read(Flux<DataBuffer> body, DataSize max) {
        return DataBufferUtils.join(body, (int) Math.min(max.toBytes(), Integer.MAX_VALUE))
                .map(joined -> {
                    try {
                        return joined.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(joined);
                    }
                })
                .defaultIfEmpty("")
                .onErrorMap(DataBufferLimitException.class, e -> new PayloadTooLargeException(
                        new IllegalArgumentException("a CSV file may have at most " + max.toBytes() + " bytes")));
    }
}
