#!/usr/bin/env python3
# Writes k8s/components/monitoring/prometheus-rule.yaml from deploy/prometheus/rules/quota-alerts.yml (needs PyYAML).
# Run from the repository root: python3 deploy/prometheus/to-prometheus-rule.py
import yaml
src = yaml.safe_load(open('deploy/prometheus/rules/quota-alerts.yml'))
class D(yaml.SafeDumper): pass
def s(d, v):
    if '\n' in v: return d.represent_scalar('tag:yaml.org,2002:str', v, style='|')
    return d.represent_scalar('tag:yaml.org,2002:str', v)
D.add_representer(str, s)
doc = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
       "metadata": {"name": "quota-alerts", "labels": {"app.kubernetes.io/name": "quota-alerts"}},
       "spec": {"groups": src["groups"]}}
hdr = """# GENERATED from deploy/prometheus/rules/quota-alerts.yml (the one source of the alert rules): the same groups as
# a Prometheus Operator PrometheusRule. deploy-checks' MonitoringConfigTest fails when the two differ. Regenerate
# after editing the rules file (see docs/operations.md, "Alerts").
"""
open('k8s/components/monitoring/prometheus-rule.yaml', 'w').write(hdr + yaml.dump(doc, Dumper=D, sort_keys=False, width=120))
