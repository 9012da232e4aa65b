package com.quota.api.paging;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Large exports as streamed {@code text/csv} (RFC 4180: CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled). Rows are written as they arrive from the database; the whole file is never held.
 */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {
    }

    /** A streamed {@code text/csv} answer: the header line, then one line per row as the rows arrive. */
    public static ResponseEntity<Flux<String>> stream(List<String> header, Flux<List<String>> rows) {
        return ResponseEntity.ok().contentType(TEXT_CSV).body(lines(header, rows));
    }

    /** As {@link #stream(List, Flux)}, offered as a download named {@code filename}. */
    public static ResponseEntity<Flux<String>> stream(String filename, List<String> header, Flux<List<String>> rows) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(lines(header, rows));
    }

    /** The header line, then one line per row. */
    public static Flux<String> lines(List<String> header, Flux<List<String>> rows) {
        return Flux.concat(Flux.just(line(header)), rows.map(Csv::line));
    }

    /** One CSV line, CRLF-terminated; a null field is empty. */
    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One field, quoted when RFC 4180 requires it. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
