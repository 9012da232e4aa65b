package com.quota.api.paging;

import com.quota.api.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class PageQueryTest {

    private static final SortFields FIELDS = SortFields.of(Map.of("name", "name", "createdAt", "t.created_at"));

    @Test
    void withoutParametersItIsTheFirstPageOf50InTheDefaultSortThenId() {
        PageQuery query = PageQuery.from(Map.of(), FIELDS, "createdAt,desc");

        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(50);
        assertThat(query.orderByLimitOffsetSql()).isEqualTo(" ORDER BY t.created_at DESC, id ASC LIMIT 50 OFFSET 0");
    }

    @Test
    void repeatedSortsKeepTheirOrderAndTheDirectionDefaultsToAscending() {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("sort", "name");
        params.add("sort", "createdAt,DESC");
        params.add("page", "3");
        params.add("size", "20");

        PageQuery query = PageQuery.from(params, FIELDS, "createdAt,desc");

        assertThat(query.orderByLimitOffsetSql())
                .isEqualTo(" ORDER BY name ASC, t.created_at DESC, id ASC LIMIT 20 OFFSET 60");
        assertThat(query.orderBySql("t.id")).isEqualTo(" ORDER BY name ASC, t.created_at DESC, t.id ASC");
    }

    @Test
    void noDefaultSortMeansOnlyTheIdTiebreak() {
        assertThat(PageQuery.from(Map.of(), FIELDS, null).orderByLimitOffsetSql())
                .isEqualTo(" ORDER BY id ASC LIMIT 50 OFFSET 0");
    }

    @Test
    void anUnknownSortFieldIsA400ListingTheAllowedFields() {
        assertThatThrownBy(() -> PageQuery.from(Map.of("sort", "owner,asc"), FIELDS, null))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(400);
                    assertThat(problem.getBody().getType()).isEqualTo(ApiProblem.INVALID_SORT);
                    assertThat(problem.getBody().getProperties()).containsEntry("allowedSortFields",
                            List.of("createdAt", "name"));
                });
    }

    @Test
    void aBadDirectionOrAnInjectionAttemptIsAnInvalidSort() {
        for (String sort : List.of("name,sideways", "name,asc,desc", "name; drop table deal", "name desc")) {
            assertThatThrownBy(() -> PageQuery.from(Map.of("sort", sort), FIELDS, null))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.getBody().getType()).isEqualTo(ApiProblem.INVALID_SORT));
        }
    }

    @Test
    void sizeOutside1To500IsA400NamingSize() {
        for (String size : List.of("0", "501", "-3")) {
            assertThatThrownBy(() -> PageQuery.from(Map.of("size", size), FIELDS, null))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.getStatusCode().value()).isEqualTo(400);
                        assertThat(problem.getBody().getType()).isEqualTo(ApiProblem.VALIDATION_FAILED);
                        assertThat(problem.getBody().getProperties().get("errors").toString()).contains("field=size");
                    });
        }
        assertThat(PageQuery.from(Map.of("size", "500"), FIELDS, null).size()).isEqualTo(500);
    }

    @Test
    void aPageThatIsNotAWholeNumberIsA400NamingPage() {
        for (String page : List.of("-1", "first", "1.5", "99999999999")) {
            assertThatThrownBy(() -> PageQuery.from(Map.of("page", page), FIELDS, null))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.getBody().getProperties().get("errors").toString())
                                    .contains("field=page"));
        }
    }

    @Test
    void theOffsetIsPageTimesSizeWithoutOverflow() {
        qt().forAll(integers().between(0, Integer.MAX_VALUE), integers().between(1, 500))
                .check((page, size) -> PageQuery.from(Map.of("page", page.toString(), "size", size.toString()), FIELDS, null)
                        .offset() == (long) page * size);
    }

    @Test
    void totalPagesRoundUp() {
        assertThat(PageInfo.of(0, 50, 0).totalPages()).isZero();
        assertThat(PageInfo.of(0, 50, 50).totalPages()).isEqualTo(1);
        assertThat(PageInfo.of(0, 50, 51).totalPages()).isEqualTo(2);
        qt().forAll(integers().between(0, 1_000_000), integers().between(1, 500))
                .check((total, size) -> {
                    int pages = PageInfo.of(0, size, total).totalPages();
                    return (long) pages * size >= total && (long) (pages - 1) * size < Math.max(total, 1);
                });
    }

    @Test
    void aSortColumnMustLookLikeAColumn() {
        assertThatThrownBy(() -> SortFields.of(Map.of("name", "name; drop table x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
