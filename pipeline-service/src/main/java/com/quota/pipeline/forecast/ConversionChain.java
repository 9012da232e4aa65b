package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.Stage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Win probability from the conversion chain: the product of the stage-to-next conversion rates from a stage to WON.
 * With A→B 40%, B→C 75%, C→WON 60%: 18% at A, 45% at B, 60% at C.
 */
public final class ConversionChain {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ConversionChain() {
    }

    /**
     * The probability in percent (exact, unrounded) of each open stage, in the order given.
     *
     * @param openStages the open stages in pipeline order; the last one's rate is its conversion to WON
     * @param rateOf     each stage's stage-to-next conversion in percent; a missing rate (null) counts as 0
     */
    public static Map<UUID, BigDecimal> probabilities(List<Stage> openStages, Function<Stage, BigDecimal> rateOf) {
        Map<UUID, BigDecimal> result = new LinkedHashMap<>();
        BigDecimal fraction = BigDecimal.ONE;
        for (int i = openStages.size() - 1; i >= 0; i--) {
            BigDecimal rate = rateOf.apply(openStages.get(i));
            fraction = fraction.multiply(rate == null ? BigDecimal.ZERO : rate.divide(HUNDRED, MathContext.DECIMAL128));
            result.put(openStages.get(i).id(), fraction.multiply(HUNDRED).stripTrailingZeros());
        }
        Map<UUID, BigDecimal> ordered = new LinkedHashMap<>();
        openStages.forEach(stage -> ordered.put(stage.id(), result.get(stage.id())));
        return ordered;
    }

    /** The chain of the configured rates. */
    public static Map<UUID, BigDecimal> configured(List<Stage> openStages) {
        return probabilities(openStages, Stage::conversionRate);
    }
}
