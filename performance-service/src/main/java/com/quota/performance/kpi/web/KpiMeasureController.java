package com.quota.performance.kpi.web;

import com.quota.performance.config.ReadAccess;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.resourceserver.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** The catalogue of KPI source measures, for anyone building a scorecard template or reading one. */
@RestController
@RequestMapping("/api/kpis")
@Tag(name = "KPIs")
class KpiMeasureController {

    @GetMapping("/measures")
    @Operation(summary = "The measures a KPI can score, with their usual direction and where their values come from")
    List<KpiMeasureView> measures(Caller caller) {
        ReadAccess.require(caller);
        return Arrays.stream(KpiMeasure.values()).map(KpiMeasureView::of).toList();
    }

    /** One measure as the API shows it. */
    record KpiMeasureView(String code, String label, String kind, String usualDirection, String source, boolean managerEntered) {
        static KpiMeasureView of(KpiMeasure measure) {
            return new KpiMeasureView(measure.name(), measure.label(), measure.kind().name(),
                    measure.usualDirection().name(), measure.source().name(), measure.isManagerEntered());
        }
    }
}
