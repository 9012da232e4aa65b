package com.quota.systemtests.proof.input;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the store holds at one moment: row count and an md5 over the rows of every table of every service database,
 * and the end offset of every partition of every topic. Two snapshots around refused requests must be equal.
 */
public record StoreSnapshot(Map<String, String> tables, Map<String, Long> topicEnds) {

    static final java.time.Duration QUIET_GAP = java.time.Duration.ofSeconds(5);
    static final java.time.Duration QUIET_PATIENCE = java.time.Duration.ofMinutes(4);

    /** Reads every table of {@code databases} (through {@code jdbcUrl}) and every topic of the broker. */
    public static StoreSnapshot take(List<String> databases, Function<String, String> jdbcUrl, String bootstrapServers) {
        return new StoreSnapshot(tables(databases, jdbcUrl), topicEnds(bootstrapServers));
    }

    /**
     * A snapshot once the store is quiet: two snapshots {@link #QUIET_GAP} apart are equal (events of earlier work
     * still being consumed would otherwise show as changes). Gives up after {@link #QUIET_PATIENCE} with the last one.
     */
    public static StoreSnapshot awaitQuiet(List<String> databases, Function<String, String> jdbcUrl, String bootstrapServers) {
        long giveUpAt = System.nanoTime() + QUIET_PATIENCE.toNanos();
        StoreSnapshot last = take(databases, jdbcUrl, bootstrapServers);
        while (true) {
            try {
                Thread.sleep(QUIET_GAP.toMillis());   // the gap is the measurement: "nothing changed for this long"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            StoreSnapshot next = take(databases, jdbcUrl, bootstrapServers);
            if (next.equals(last) || System.nanoTime() > giveUpAt) {
                if (!next.equals(last)) {
                    System.out.println("[proof] store not quiet after " + QUIET_PATIENCE.toSeconds() + " s: " + last.differences(next));
                }
                return next;
            }
            last = next;
        }
    }

    /** The tables and partitions that differ from {@code later}, "name: before -> after". */
    public List<String> differences(StoreSnapshot later) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(tables.keySet());
        names.addAll(later.tables.keySet());
        for (String name : names) {
            String a = tables.get(name);
            String b = later.tables.get(name);
            if (a == null || !a.equals(b)) {
                out.add("table " + name + ": " + a + " -> " + b);
            }
        }
        TreeSet<String> partitions = new TreeSet<>(topicEnds.keySet());
        partitions.addAll(later.topicEnds.keySet());
        for (String p : partitions) {
            Long a = topicEnds.get(p);
            Long b = later.topicEnds.get(p);
            if (a == null || !a.equals(b)) {
                out.add("topic " + p + ": end offset " + a + " -> " + b);
            }
        }
        return out;
    }

    public long rows() {
        return tables.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(' ')))).sum();
    }

    private static Map<String, String> tables(List<String> databases, Function<String, String> jdbcUrl) {
        Map<String, String> out = new TreeMap<>();
        for (String database : databases) {
            try (Connection c = DriverManager.getConnection(jdbcUrl.apply(database), "postgres", "postgres");
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select table_schema, table_name from information_schema.tables "
                        + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') "
                        + "order by 1, 2")) {
                    while (rs.next()) {
                        tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from "
                            + table + " t")) {
                        rs.next();
                        out.put(database + "." + table.replace("\"", ""), rs.getLong(1) + " rows " + rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read database " + database, e);
            }
        }
        return out;
    }

    private static Map<String, Long> topicEnds(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(p)) {
            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(
                    part -> request.put(new TopicPartition(t.name(), part.partition()), OffsetSpec.latest())));
            Map<String, Long> out = new TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp.toString(), info.offset()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the topics' end offsets", e);
        }
    }
}
