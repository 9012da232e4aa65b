package com.quota.targets.attainment.web;

import com.quota.targets.attainment.LevelFigures;
import com.quota.targets.attainment.PeriodFigures;
import com.quota.targets.attainment.TargetLevel;
import com.quota.targets.attainment.application.AttainmentQueries;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore.StoredLine;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the attainment API: money as {@code {"amount":"12500.00","currency":"CNY"}}, percents as strings. */
final class AttainmentViews {

    private AttainmentViews() {
    }

    record Measure(String amount, String currency) {
        static Measure of(BigDecimal amount, String currency) {
            return amount == null ? null : new Measure(amount.toPlainString(), currency);
        }
    }

    record OwnerRef(String type, String id) {
    }

    /** Named apart from the targets' own {@code LevelView}: springdoc names a schema by the simple class name. */
    @Schema(name = "AttainmentLevelView")
    record LevelView(Measure target, String attainmentPercent, Measure gap, Measure expectedToDate, String pacePercent) {
    }

    record FiguresView(OwnerRef owner, String metric, String dimension, String periodKey, String periodType, String asOf,
                       Measure actual, Map<String, LevelView> levels, String elapsedPercent, Measure runRate,
                       Measure monthToDate, Measure quarterToDate, Measure yearToDate, Measure lastYearActual,
                       String yoyGrowthPercent, String targetId, Integer targetVersion) {

        static FiguresView of(AttainmentQueries.Figures f) {
            PeriodFigures p = f.figures();
            String c = f.currency();
            Map<String, LevelView> levels = new TreeMap<>();
            for (Map.Entry<TargetLevel, LevelFigures> e : p.levels().entrySet()) {
                LevelFigures l = e.getValue();
                levels.put(e.getKey().name(), new LevelView(Measure.of(l.target(), c), text(l.attainmentPercent()),
                        Measure.of(l.gap(), c), Measure.of(l.expectedToDate(), c), text(l.pacePercent())));
            }
            return new FiguresView(new OwnerRef(f.owner().type().name(), f.owner().id().toString()), f.metric().name(),
                    f.dimension(), p.period().toString(), p.period().type().name(), p.asOf().toString(),
                    Measure.of(p.actual(), c), levels, text(p.elapsedPercent()), Measure.of(p.runRate(), c),
                    Measure.of(p.monthToDate(), c), Measure.of(p.quarterToDate(), c), Measure.of(p.yearToDate(), c),
                    Measure.of(p.lastYearActual(), c), text(p.yoyGrowthPercent()),
                    f.target().targetId() == null ? null : f.target().targetId().toString(), f.target().version());
        }
    }

    record TeamViewBody(FiguresView unit, List<FiguresView> children) {
    }

    record SeriesPointView(String month, Measure actual, Map<String, Measure> targets, Measure cumulativeActual,
                           Map<String, Measure> cumulativeTargets) {
        static SeriesPointView of(AttainmentQueries.SeriesPoint point, String currency) {
            Map<String, Measure> targets = new TreeMap<>();
            point.targets().forEach((level, amount) -> targets.put(level.name(), Measure.of(amount, currency)));
            Map<String, Measure> cumulative = new TreeMap<>();
            point.cumulativeTargets().forEach((level, amount) -> cumulative.put(level.name(), Measure.of(amount, currency)));
            return new SeriesPointView(point.month().toString(), Measure.of(point.actual(), currency), targets,
                    Measure.of(point.cumulativeActual(), currency), cumulative);
        }
    }

    record SeriesView(OwnerRef owner, String metric, String dimension, int fiscalYear, String asOf,
                      List<SeriesPointView> months) {
    }

    record LineView(String sourceEventId, String sourceEventType, String repId, String metric, String creditDate,
                    Measure amount, Map<String, String> dimensions, String opportunityId, String contractId,
                    String paymentId, String accountId, List<String> rolledUpTo) {
        static LineView of(StoredLine line, int scale, List<String> units) {
            String currency = line.currency() == null ? null : line.currency().trim();
            Map<String, String> dimensions = new TreeMap<>();
            put(dimensions, "productLine", line.dimensions().productLine());
            put(dimensions, "region", line.dimensions().region());
            put(dimensions, "channel", line.dimensions().channel());
            put(dimensions, "customerSegment", line.dimensions().customerSegment());
            return new LineView(line.sourceEventId().toString(), line.sourceEventType(), line.repId().toString(),
                    line.metric().name(), line.creditDate().toString(),
                    Measure.of(line.amount().setScale(scale, java.math.RoundingMode.UNNECESSARY), currency), dimensions,
                    text(line.opportunityId()), text(line.contractId()), text(line.paymentId()), text(line.accountId()),
                    units);
        }
    }

    record LinesPage(List<LineView> items, Map<String, Integer> page) {
    }

    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? null : value.toString();
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
