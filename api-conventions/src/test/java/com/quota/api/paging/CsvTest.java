package com.quota.api.paging;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(Csv.line(List.of("a", "12500.00", ""))).isEqualTo("a,12500.00,\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(Csv.field("Acme, East")).isEqualTo("\"Acme, East\"");
        assertThat(Csv.field("the \"big\" one")).isEqualTo("\"the \"\"big\"\" one\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void aNullFieldIsEmpty() {
        assertThat(Csv.line(Arrays.asList("a", null, "c"))).isEqualTo("a,,c\r\n");
    }

    @Test
    void theHeaderComesFirstThenOneLinePerRow() {
        List<String> lines = Csv.lines(List.of("id", "name"), Flux.just(List.of("1", "x"), List.of("2", "y,z")))
                .collectList().block();

        assertThat(lines).containsExactly("id,name\r\n", "1,x\r\n", "2,\"y,z\"\r\n");
    }
}
