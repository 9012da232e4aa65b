package com.quota.targets.attainment;

import com.quota.calendar.PeriodKey;
import com.quota.targets.attainment.PaceWatch.PaceAlert;
import com.quota.targets.attainment.PaceWatch.PaceState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PaceWatchTest {

    private static PeriodFigures figures(String elapsedPercent, String pacePercent) {
        LevelFigures target = new LevelFigures(TargetLevel.TARGET, new BigDecimal("100.00"), null, null,
                new BigDecimal("50.00"), pacePercent == null ? null : new BigDecimal(pacePercent));
        return new PeriodFigures(PeriodKey.parse("FY2026-M11"), LocalDate.of(2026, 11, 15), BigDecimal.ZERO,
                Map.of(TargetLevel.TARGET, target), new BigDecimal(elapsedPercent), null, BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void droppingBelowTheThresholdAfterTheMinimumElapsedShareAlertsOnce() {
        PaceWatch.Decision first = PaceWatch.evaluate(PaceState.ON_PACE, figures("50.00", "79.99"), PaceAlertSettings.DEFAULTS);
        PaceWatch.Decision second = PaceWatch.evaluate(first.state(), figures("53.33", "70.00"), PaceAlertSettings.DEFAULTS);

        assertThat(first.alert()).contains(PaceAlert.BEHIND_PACE);
        assertThat(second.state()).isEqualTo(PaceState.BEHIND);
        assertThat(second.alert()).isEmpty();
    }

    @Test
    void recoveringToTheThresholdRaisesBackOnPaceOnce() {
        PaceWatch.Decision back = PaceWatch.evaluate(PaceState.BEHIND, figures("60.00", "80.00"), PaceAlertSettings.DEFAULTS);
        PaceWatch.Decision again = PaceWatch.evaluate(back.state(), figures("63.33", "95.00"), PaceAlertSettings.DEFAULTS);

        assertThat(back.alert()).contains(PaceAlert.BACK_ON_PACE);
        assertThat(again.alert()).isEmpty();
    }

    @Test
    void tooEarlyInThePeriodOrWithoutAPaceNothingChanges() {
        assertThat(PaceWatch.evaluate(PaceState.ON_PACE, figures("24.99", "10.00"), PaceAlertSettings.DEFAULTS).alert()).isEmpty();
        assertThat(PaceWatch.evaluate(PaceState.ON_PACE, figures("50.00", null), PaceAlertSettings.DEFAULTS).alert()).isEmpty();
        PaceAlertSettings strict = new PaceAlertSettings(new BigDecimal("95"), new BigDecimal("10"));
        assertThat(PaceWatch.evaluate(PaceState.ON_PACE, figures("24.99", "90.00"), strict).alert()).contains(PaceAlert.BEHIND_PACE);
    }
}
