#!/usr/bin/env python3
"""Writes the four Quota dashboards (deploy/grafana/dashboards/*.json), the one place their panels are defined.
Run from the repository root after an edit: python3 deploy/grafana/generate-dashboards.py
(then ./mvnw -B -ntp -o -pl deploy-checks verify checks every metric name against the code)."""
import json, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else "deploy/grafana/dashboards"

def var_app():
    return {"name": "app", "label": "app", "type": "query",
            "datasource": {"type": "prometheus", "uid": "prometheus"},
            "query": {"query": "label_values(process_uptime_seconds, app)", "refId": "app"},
            "definition": "label_values(process_uptime_seconds, app)",
            "includeAll": True, "multi": True, "allValue": ".+", "refresh": 2, "sort": 1,
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}

class D:
    def __init__(self, uid, title, desc, tags):
        self.uid, self.title, self.desc, self.tags = uid, title, desc, tags
        self.panels = []; self.y = 0; self.x = 0; self.id = 1
    def row(self, title):
        if self.x: self.y += 8; self.x = 0
        self.panels.append({"id": self.id, "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.id += 1; self.y += 1
    def panel(self, title, targets, unit="short", desc="", kind="timeseries", w=12, h=8, stack=False, mappings=None, thresholds=None):
        if self.x + w > 24: self.y += h; self.x = 0
        tg = []
        for i, t in enumerate(targets):
            expr, legend = t
            tg.append({"refId": chr(65 + i), "datasource": {"type": "prometheus", "uid": "prometheus"},
                       "expr": expr, "legendFormat": legend})
        p = {"id": self.id, "type": kind, "title": title, "description": desc,
             "datasource": {"type": "prometheus", "uid": "prometheus"},
             "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y}, "targets": tg,
             "fieldConfig": {"defaults": {"unit": unit}, "overrides": []}, "options": {}}
        if kind == "timeseries":
            p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10,
                                                     "stacking": {"mode": "normal" if stack else "none"}}
            p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                            "tooltip": {"mode": "multi"}}
        if mappings: p["fieldConfig"]["defaults"]["mappings"] = mappings
        if thresholds: p["fieldConfig"]["defaults"]["thresholds"] = {"mode": "absolute", "steps": thresholds}
        self.panels.append(p); self.id += 1
        self.x += w
        if self.x >= 24: self.x = 0; self.y += h
    def write(self, name):
        d = {"uid": self.uid, "title": self.title, "description": self.desc, "tags": self.tags,
             "editable": False, "schemaVersion": 39, "version": 1, "refresh": "30s", "timezone": "browser",
             "time": {"from": "now-1h", "to": "now"}, "graphTooltip": 1,
             "templating": {"list": [var_app()]}, "annotations": {"list": []},
             "links": [{"type": "dashboards", "tags": ["quota"], "asDropdown": True, "title": "Quota dashboards"}],
             "panels": self.panels}
        with open(f"{OUT}/{name}", "w") as f:
            json.dump(d, f, indent=2); f.write("\n")

A = 'app=~"$app"'
GREEN_RED = [{"color": "green", "value": None}, {"color": "red", "value": 1}]

# ---- overview
d = D("quota-overview", "Quota overview", "Is Quota up and healthy: apps, traffic, errors, latency, event flow.", ["quota"])
d.row("Apps")
d.panel("Apps up", [(f'up{{{A}}}', "{{app}}")], kind="stat", w=24, h=4,
        mappings=[{"type": "value", "options": {"0": {"text": "DOWN", "color": "red"}, "1": {"text": "UP", "color": "green"}}}],
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}])
d.row("Traffic")
d.panel("Requests per second (services, by app)", [(f'sum by (app) (rate(http_server_requests_seconds_count{{{A}}}[$__rate_interval]))', "{{app}}")], "reqps")
d.panel("5xx per second (services, by app)", [(f'sum by (app) (rate(http_server_requests_seconds_count{{{A}, status=~"5.."}}[$__rate_interval]))', "{{app}}")], "reqps")
d.panel("p95 latency (services, by app)", [(f'histogram_quantile(0.95, sum by (app, le) (rate(http_server_requests_seconds_bucket{{{A}}}[$__rate_interval])))', "{{app}}")], "s")
d.panel("Gateway requests per second (by route)", [('sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count[$__rate_interval]))', "{{routeId}}")], "reqps")
d.row("Event backbone")
d.panel("Kafka consumer lag (records, by app)", [(f'sum by (app) (kafka_consumer_fetch_manager_records_lag{{{A}}})', "{{app}}")], "short")
d.panel("Outbox backlog (rows, by app)", [(f'sum by (app) (quota_messaging_outbox_backlog{{{A}}})', "{{app}}")], "short")
d.panel("Waiting for an operator", [
    (f'sum by (app) (quota_messaging_outbox_parked{{{A}}})', "{{app}} outbox parked"),
    (f'sum by (app) (quota_messaging_consumer_dead_lettered_open{{{A}}})', "{{app}} dead-lettered open"),
    (f'sum by (app) (quota_messaging_consumer_parked{{{A}}})', "{{app}} events parked")], "short",
    desc="Non-zero needs an operator: /actuator/messaging (docs/operations.md).")
d.panel("Attainment events per minute", [
    ('sum(rate(quota_messaging_outbox_published_total{topic="targets.attainment.v1"}[$__rate_interval])) * 60', "published"),
    ('sum(rate(quota_messaging_consumer_events_total{topic="targets.attainment.v1", outcome="applied"}[$__rate_interval])) * 60', "applied")], "short")
d.row("JVM")
d.panel("Heap used (by app)", [(f'sum by (app) (jvm_memory_used_bytes{{{A}, area="heap"}})', "{{app}}")], "bytes")
d.panel("CPU (process, by app)", [(f'max by (app) (process_cpu_usage{{{A}}})', "{{app}}")], "percentunit")
d.write("quota-overview.json")

# ---- HTTP
d = D("quota-http", "Quota HTTP: routes and services", "Request rate, latency and errors per gateway route and per service endpoint; breakers and rate limits.", ["quota"])
d.row("Gateway, per route")
d.panel("Requests per second (by route)", [('sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count[$__rate_interval]))', "{{routeId}}")], "reqps")
d.panel("Errors per second (by route and status)", [('sum by (routeId, httpStatusCode) (rate(spring_cloud_gateway_requests_seconds_count{httpStatusCode=~"5..|429"}[$__rate_interval]))', "{{routeId}} {{httpStatusCode}}")], "reqps")
d.panel("p50 latency (by route)", [('histogram_quantile(0.5, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket[$__rate_interval])))', "{{routeId}}")], "s")
d.panel("p99 latency (by route)", [('histogram_quantile(0.99, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket[$__rate_interval])))', "{{routeId}}")], "s")
d.panel("5xx ratio (by route)", [('sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{httpStatusCode=~"5.."}[$__rate_interval])) / sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count[$__rate_interval]))', "{{routeId}}")], "percentunit")
d.panel("Status codes (all routes)", [('sum by (httpStatusCode) (rate(spring_cloud_gateway_requests_seconds_count[$__rate_interval]))', "{{httpStatusCode}}")], "reqps", stack=True)
d.panel("Open circuit breakers (by route)", [('max by (name) (resilience4j_circuitbreaker_state{state=~"open|forced_open"})', "{{name}}"),
                                             ('max by (name) (resilience4j_circuitbreaker_state{state="half_open"}) * 0.5', "{{name}} half-open")], "short",
        desc="1 = open (calls rejected with 503), 0.5 = half-open (trial calls).")
d.panel("Rate-limit rejections per second (by route)", [('sum by (routeId) (rate(quota_gateway_rate_limit_rejections_total[$__rate_interval]))', "{{routeId}}")], "reqps")
d.panel("Shared rate-limit store errors per minute (by instance)", [('sum by (instance) (rate(quota_gateway_rate_limit_store_errors_total[$__rate_interval])) * 60', "{{instance}}")], "short",
        desc="store: postgresql only. The store did not answer in time, so the request passed unlimited (docs/gateway.md).", w=24)
d.row("Services, per endpoint")
d.panel("Requests per second (by app and uri)", [(f'sum by (app, uri) (rate(http_server_requests_seconds_count{{{A}}}[$__rate_interval]))', "{{app}} {{uri}}")], "reqps")
d.panel("Errors per second (by app, uri, status)", [(f'sum by (app, uri, status) (rate(http_server_requests_seconds_count{{{A}, status=~"5.."}}[$__rate_interval]))', "{{app}} {{uri}} {{status}}")], "reqps")
d.panel("4xx per second (by app and status)", [(f'sum by (app, status) (rate(http_server_requests_seconds_count{{{A}, status=~"4.."}}[$__rate_interval]))', "{{app}} {{status}}")], "reqps")
d.panel("5xx ratio (by app)", [(f'sum by (app) (rate(http_server_requests_seconds_count{{{A}, status=~"5.."}}[$__rate_interval])) / sum by (app) (rate(http_server_requests_seconds_count{{{A}}}[$__rate_interval]))', "{{app}}")], "percentunit")
d.panel("p95 latency (by app and uri)", [(f'histogram_quantile(0.95, sum by (app, uri, le) (rate(http_server_requests_seconds_bucket{{{A}}}[$__rate_interval])))', "{{app}} {{uri}}")], "s")
d.panel("Mean latency (by app)", [(f'sum by (app) (rate(http_server_requests_seconds_sum{{{A}}}[$__rate_interval])) / sum by (app) (rate(http_server_requests_seconds_count{{{A}}}[$__rate_interval]))', "{{app}}")], "s")
d.write("quota-http.json")

# ---- messaging
d = D("quota-messaging", "Quota event backbone", "Kafka consumer lag, outbox backlog, parked rows and events, dead letters, event throughput (docs/operations.md).", ["quota"])
d.row("Consumers")
d.panel("Consumer lag (records, by app and topic)", [(f'sum by (app, topic) (kafka_consumer_fetch_manager_records_lag{{{A}}})', "{{app}} {{topic}}")], "short",
        desc="Kafka's client metric per assigned partition, summed; the consumer group is the app's name.")
d.panel("Max partition lag (by app)", [(f'max by (app) (kafka_consumer_fetch_manager_records_lag_max{{{A}}})', "{{app}}")], "short")
d.panel("Events consumed per second (by app and outcome)", [(f'sum by (app, outcome) (rate(quota_messaging_consumer_events_total{{{A}}}[$__rate_interval]))', "{{app}} {{outcome}}")], "short")
d.panel("Transient retries per minute (by app)", [(f'sum by (app) (rate(quota_messaging_consumer_transient_retries_total{{{A}}}[$__rate_interval])) * 60', "{{app}}")], "short",
        desc="Whole polls retried because the database (or a handler) failed transiently; never dead-lettered.")
d.panel("Inbox duplicates per minute (by app)", [(f'sum by (app) (rate(quota_messaging_inbox_duplicates_total{{{A}}}[$__rate_interval])) * 60', "{{app}}")], "short")
d.panel("Events applied per minute (by topic)", [(f'sum by (topic) (rate(quota_messaging_consumer_events_total{{{A}, outcome="applied"}}[$__rate_interval])) * 60', "{{topic}}")], "short")
d.row("Dead letters and parked events")
d.panel("Dead-lettered (DLT) since the instances started (by app and topic)", [(f'sum by (app, topic) (quota_messaging_consumer_dead_lettered_total{{{A}}})', "{{app}} {{topic}}")], "short", kind="stat", w=8,
        desc="The counter is created at an instance's first dead letter, so increase() would miss that one: this is the running total.")
d.panel("Dead-lettered, unresolved (by app)", [(f'sum by (app) (quota_messaging_consumer_dead_lettered_open{{{A}}})', "{{app}}")], "short", kind="stat", w=8, thresholds=GREEN_RED)
d.panel("Events parked behind them (by app)", [(f'sum by (app) (quota_messaging_consumer_parked{{{A}}})', "{{app}}")], "short", kind="stat", w=8, thresholds=GREEN_RED)
d.panel("Dead letters per minute (by topic)", [(f'sum by (topic) (rate(quota_messaging_consumer_dead_lettered_total{{{A}}}[$__rate_interval])) * 60', "{{topic}}")], "short", w=24)
d.row("Outbox")
d.panel("Outbox backlog (rows, by app)", [(f'sum by (app) (quota_messaging_outbox_backlog{{{A}}})', "{{app}}")], "short")
d.panel("Oldest pending row (age, by app)", [(f'max by (app) (quota_messaging_outbox_oldest_pending_age_seconds{{{A}}})', "{{app}}")], "s")
d.panel("Parked outbox rows now (by app)", [(f'sum by (app) (quota_messaging_outbox_parked{{{A}}})', "{{app}}")], "short", thresholds=GREEN_RED)
d.panel("Rows parked since the instances started (by topic)", [(f'sum by (topic) (quota_messaging_outbox_parked_rows_total{{{A}}})', "{{topic}}")], "short")
d.panel("Published per minute (by topic)", [(f'sum by (topic) (rate(quota_messaging_outbox_published_total{{{A}}}[$__rate_interval])) * 60', "{{topic}}")], "short")
d.panel("Failed sends per minute (by topic)", [(f'sum by (topic) (rate(quota_messaging_outbox_publish_failures_total{{{A}}}[$__rate_interval])) * 60', "{{topic}}")], "short")
d.row("Attainment")
d.panel("Attainment events per minute", [
    ('sum by (app) (rate(quota_messaging_outbox_published_total{topic="targets.attainment.v1"}[$__rate_interval])) * 60', "published by {{app}}"),
    ('sum by (app, event_type) (rate(quota_messaging_consumer_events_total{topic="targets.attainment.v1", outcome="applied"}[$__rate_interval])) * 60', "{{event_type}} applied by {{app}}")], "short", w=24,
    desc="targets.attainment.v1: AttainmentChanged and the pace events, written by target-service's outbox, applied by their consumers.")
d.write("quota-messaging.json")

# ---- JVM
d = D("quota-jvm", "Quota JVM", "Memory, GC, threads, CPU and connection pools of every Quota app.", ["quota"])
d.row("Memory and GC")
d.panel("Heap used vs max (by app)", [(f'sum by (app) (jvm_memory_used_bytes{{{A}, area="heap"}})', "{{app}} used"),
                                     (f'sum by (app) (jvm_memory_max_bytes{{{A}, area="heap"}} > 0)', "{{app}} max")], "bytes")
d.panel("Non-heap used (by app)", [(f'sum by (app) (jvm_memory_used_bytes{{{A}, area="nonheap"}})', "{{app}}")], "bytes")
d.panel("GC pause time per second (by app)", [(f'sum by (app) (rate(jvm_gc_pause_seconds_sum{{{A}}}[$__rate_interval]))', "{{app}}")], "s")
d.panel("GC pauses per minute (by app and cause)", [(f'sum by (app, cause) (rate(jvm_gc_pause_seconds_count{{{A}}}[$__rate_interval])) * 60', "{{app}} {{cause}}")], "short")
d.row("Threads and CPU")
d.panel("Live threads (by app)", [(f'sum by (app) (jvm_threads_live_threads{{{A}}})', "{{app}}")], "short")
d.panel("CPU (process, by app)", [(f'max by (app) (process_cpu_usage{{{A}}})', "{{app}}")], "percentunit")
d.panel("Uptime (by app)", [(f'max by (app) (process_uptime_seconds{{{A}}})', "{{app}}")], "s", kind="stat")
d.panel("Loaded classes (by app)", [(f'sum by (app) (jvm_classes_loaded_classes{{{A}}})', "{{app}}")], "short")
d.row("Connection pools")
d.panel("R2DBC connections (by app)", [(f'sum by (app) (r2dbc_pool_acquired_connections{{{A}}})', "{{app}} in use"),
                                        (f'sum by (app) (r2dbc_pool_idle_connections{{{A}}})', "{{app}} idle"),
                                        (f'sum by (app) (r2dbc_pool_pending_connections{{{A}}})', "{{app}} waiting")], "short")
d.panel("JDBC connections (auth-server, by app)", [(f'sum by (app) (hikaricp_connections_active{{{A}}})', "{{app}} active"),
                                                   (f'sum by (app) (hikaricp_connections_pending{{{A}}})', "{{app}} waiting")], "short")
d.write("quota-jvm.json")
