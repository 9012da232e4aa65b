package com.quota.targets.definition.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.PayloadTooLargeException;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An uploaded CSV file is read whole up to its limit, in any number of chunks; one byte over is 413. */
class CsvFilesTest {

    private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

    @Test
    void aFileUpToTheLimitIsReadWholeFromItsChunks() {
        String file = "ownerType,ownerId\n" + "REP,é\n".repeat(100);
        int size = file.getBytes(StandardCharsets.UTF_8).length;
        assertThat(CsvFiles.read(chunks(file, 7), DataSize.ofBytes(size)).block()).isEqualTo(file);
        assertThat(CsvFiles.read(Flux.empty(), DataSize.ofBytes(size)).block()).isEmpty();
    }

    @Test
    void aFileOverTheLimitIs413() {
        String file = "x".repeat(1025);
        assertThatThrownBy(() -> CsvFiles.read(chunks(file, 100), DataSize.ofKilobytes(1)).block())
                .isInstanceOf(PayloadTooLargeException.class);
    }

    private static Flux<DataBuffer> chunks(String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Flux.range(0, (bytes.length + size - 1) / size)
                .map(i -> BUFFERS.wrap(java.util.Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size))));
    }
}
