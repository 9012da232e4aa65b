package com.quota.systemtests;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of a stack's processes, from the operating system: the named apps, PostgreSQL (the
 * postmaster and its backends), the Kafka broker and this JVM (the load generator). Benchmarks print it per request,
 * so a figure says which process spent the machine's cores.
 */
public final class ProcessCpu {

    private final Map<String, Supplier<Stream<ProcessHandle>>> processes = new LinkedHashMap<>();

    public ProcessCpu(LocalStackRunner stack, List<App> apps) {
        apps.forEach(app -> processes.put(app.module(), () -> stack.process(app).stream().flatMap(p -> ProcessHandle.of(p.pid()).stream())));
        processes.put("postgres", () -> stack.postgres().pid().stream().boxed()
                .flatMap(pid -> ProcessHandle.of(pid).stream()).flatMap(pm -> Stream.concat(Stream.of(pm), pm.descendants())));
        if (stack.broker() != null) {
            processes.put("kafka", () -> stack.broker().pid().stream().flatMap(pid -> ProcessHandle.of(pid).stream()));
        }
        processes.put("load generator", () -> Stream.of(ProcessHandle.current()));
    }

    /** Per name, per pid: the CPU time so far (a PostgreSQL backend that comes and goes is counted while it lives). */
    public Map<String, Duration> snapshot() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, handles) -> handles.get().forEach(h -> h.info().totalCpuDuration()
                .ifPresent(d -> cpu.put(name + "#" + h.pid(), d))));
        return cpu;
    }

    /** Per name: the CPU time spent between two snapshots. */
    public static Map<String, Duration> spent(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> spent = new LinkedHashMap<>();
        after.forEach((key, d) -> spent.merge(key.substring(0, key.indexOf('#')),
                d.minus(before.getOrDefault(key, Duration.ZERO)), Duration::plus));
        return spent;
    }

    public static void add(Map<String, Duration> total, Map<String, Duration> more) {
        more.forEach((name, d) -> total.merge(name, d, Duration::plus));
    }

    /** "gateway 5.40 ms, target-service 2.50 ms, ..., in all 8.1 ms" per unit of work. */
    public static String per(Map<String, Duration> cpu, long units) {
        StringBuilder line = new StringBuilder();
        cpu.forEach((name, d) -> line.append(String.format("%s %.2f ms, ", name, d.toNanos() / 1e6 / Math.max(1, units))));
        return line.append(String.format("in all %.2f ms",
                cpu.values().stream().mapToLong(Duration::toNanos).sum() / 1e6 / Math.max(1, units))).toString();
    }
}
