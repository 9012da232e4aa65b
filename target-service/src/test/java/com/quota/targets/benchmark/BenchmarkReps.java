package com.quota.targets.benchmark;

import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Setup of the benchmarks, not a figure: reps and their membership of one unit written into the org tables the service
 * reads (org_rep, org_membership) by two statements. Through the API 10,000 reps take minutes on this machine and queue
 * 10,000 RepChanged events; what the benchmarks measure is all HTTP.
 */
final class BenchmarkReps {

    private BenchmarkReps() {
    }

    static void seed(DatabaseClient db, UUID unit, List<UUID> reps) {
        String[] ids = reps.stream().map(UUID::toString).toArray(String[]::new);
        db.sql("""
                        INSERT INTO org_rep (id, display_name, role, active, hire_date, version, changed_at)
                        SELECT id, 'Rep ' || id, 'REP', true, date '2024-01-01', 1, now()
                        FROM unnest((:ids::text[])::uuid[]) AS x(id)""")
                .bind("ids", ids).fetch().rowsUpdated()
                .then(db.sql("""
                                INSERT INTO org_membership (rep_id, unit_id, valid_from)
                                SELECT id, :unit, date '2024-01-01' FROM unnest((:ids::text[])::uuid[]) AS x(id)""")
                        .bind("ids", ids).bind("unit", unit).fetch().rowsUpdated())
                .block(Duration.ofMinutes(5));
    }
}
