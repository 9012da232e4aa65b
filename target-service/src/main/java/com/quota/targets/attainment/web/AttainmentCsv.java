package com.quota.targets.attainment.web;

import com.quota.targets.attainment.persistence.AttainmentLedgerStore.StoredLine;
import com.quota.targets.attainment.web.AttainmentViews.FiguresView;
import com.quota.targets.attainment.web.AttainmentViews.LevelView;
import com.quota.targets.attainment.web.AttainmentViews.Measure;
import com.quota.targets.attainment.web.AttainmentViews.SeriesPointView;
import com.quota.targets.attainment.web.AttainmentViews.SeriesView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The attainment views as CSV lines (RFC 4180, each line ending in CRLF): one header, then the rows. */
final class AttainmentCsv {

    static final String MEDIA_TYPE = "text/csv";

    static final String FIGURES_HEADER = line("ownerType", "ownerId", "metric", "dimension", "periodKey", "asOf", "currency",
            "actual", "level", "target", "attainmentPercent", "gap", "expectedToDate", "pacePercent", "elapsedPercent",
            "runRate", "monthToDate", "quarterToDate", "yearToDate", "lastYearActual", "yoyGrowthPercent");
    static final String TEAM_HEADER = "row," + FIGURES_HEADER;
    static final String SERIES_HEADER = line("ownerType", "ownerId", "metric", "dimension", "fiscalYear", "asOf", "month",
            "currency", "actual", "cumulativeActual", "level", "target", "cumulativeTarget");
    static final String LINES_HEADER = line("sourceEventId", "sourceEventType", "repId", "metric", "creditDate", "amount",
            "currency", "productLine", "region", "channel", "customerSegment", "opportunityId", "contractId", "paymentId",
            "accountId");

    private AttainmentCsv() {
    }

    /** One row per target level that is set (one row with empty level columns when none is). */
    static List<String> figures(FiguresView v, String rowPrefix) {
        String currency = v.actual() == null ? null : v.actual().currency();
        List<String> rows = new ArrayList<>();
        Map<String, LevelView> levels = v.levels().isEmpty() ? Map.of("", new LevelView(null, null, null, null, null)) : v.levels();
        levels.forEach((level, l) -> {
            List<String> cells = new ArrayList<>();
            if (rowPrefix != null) {
                cells.add(rowPrefix);
            }
            cells.addAll(Arrays.asList(v.owner().type(), v.owner().id(), v.metric(), v.dimension(), v.periodKey(), v.asOf(),
                    currency, amount(v.actual()), level, amount(l.target()), l.attainmentPercent(), amount(l.gap()),
                    amount(l.expectedToDate()), l.pacePercent(), v.elapsedPercent(), amount(v.runRate()),
                    amount(v.monthToDate()), amount(v.quarterToDate()), amount(v.yearToDate()), amount(v.lastYearActual()),
                    v.yoyGrowthPercent()));
            rows.add(line(cells.toArray(String[]::new)));
        });
        return rows;
    }

    /** One row per month and target level that is set (one row per month when none is). */
    static List<String> series(SeriesView v) {
        List<String> rows = new ArrayList<>();
        for (SeriesPointView p : v.months()) {
            String currency = p.actual() == null ? null : p.actual().currency();
            if (p.targets().isEmpty()) {
                rows.add(line(v.owner().type(), v.owner().id(), v.metric(), v.dimension(), String.valueOf(v.fiscalYear()),
                        v.asOf(), p.month(), currency, amount(p.actual()), amount(p.cumulativeActual()), "", "", ""));
            }
            p.targets().forEach((level, target) -> rows.add(line(v.owner().type(), v.owner().id(), v.metric(),
                    v.dimension(), String.valueOf(v.fiscalYear()), v.asOf(), p.month(), currency, amount(p.actual()),
                    amount(p.cumulativeActual()), level, amount(target), amount(p.cumulativeTargets().get(level)))));
        }
        return rows;
    }

    static String line(StoredLine l, int scale) {
        return line(l.sourceEventId().toString(), l.sourceEventType(), l.repId().toString(), l.metric().name(),
                l.creditDate().toString(), l.amount().setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString(),
                l.currency() == null ? null : l.currency().trim(), l.dimensions().productLine(), l.dimensions().region(),
                l.dimensions().channel(), l.dimensions().customerSegment(), text(l.opportunityId()),
                text(l.contractId()), text(l.paymentId()), text(l.accountId()));
    }

    static String line(String... cells) {
        return Arrays.stream(cells).map(AttainmentCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String amount(Measure m) {
        return m == null ? null : m.amount();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
