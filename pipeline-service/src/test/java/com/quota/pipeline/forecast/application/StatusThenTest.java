package com.quota.pipeline.forecast.application;

import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.pipeline.ForecastCategory;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A deal's status on the as-of day: from the stage it was in then and the days it was suspended, terminated, archived. */
class StatusThenTest {

    static final Stage OPEN_STAGE = new Stage(UUID.randomUUID(), "P3", "Negotiation", 2, 70, ForecastCategory.COMMIT, 30, null, null);
    static final Stage WON_STAGE = new Stage(UUID.randomUUID(), "WON", "Won", 3, 100, ForecastCategory.COMMIT, 0, null, StageOutcome.WON);
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

    @Test
    void aDealTerminatedAfterTheAsOfDayWasOpenOnIt() {
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, false, AS_OF.plusDays(1), null, AS_OF)).isEqualTo(OpportunityStatus.OPEN);
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, false, AS_OF, null, AS_OF)).isEqualTo(OpportunityStatus.TERMINATED);
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, false, AS_OF.minusDays(9), AS_OF.plusDays(3), AS_OF))
                .as("terminated, archived later").isEqualTo(OpportunityStatus.TERMINATED);
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, false, AS_OF.minusDays(9), AS_OF, AS_OF)).isEqualTo(OpportunityStatus.ARCHIVED);
    }

    @Test
    void theStageThenAndTheSuspensionThenDecideBeforeTheTermination() {
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, true, AS_OF.plusDays(2), null, AS_OF)).isEqualTo(OpportunityStatus.SUSPENDED);
        assertThat(ForecastQueries.statusThen(WON_STAGE, false, null, AS_OF.minusDays(1), AS_OF))
                .as("a won deal archived since is won on the day").isEqualTo(OpportunityStatus.WON);
        assertThat(ForecastQueries.statusThen(OPEN_STAGE, false, null, null, AS_OF)).isEqualTo(OpportunityStatus.OPEN);
    }
}
