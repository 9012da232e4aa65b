#!/bin/bash
# Creates every Quota topic and its <topic>-dlt twin (same partition count), keeping events forever
# (retention.ms=-1) so a rebuild can replay from offset 0; targets.org.v1 is compacted (latest state per key).
# Safe to run again (--if-not-exists). The list follows event-contracts' Topics.ALL / Topics.COMPACTED.
# compose runs it in the one-shot kafka-init container; against a real cluster, e.g.:
#   KAFKA_BOOTSTRAP_SERVERS=kafka-0.example.internal:9092 QUOTA_TOPIC_REPLICATION_FACTOR=3 \
#   KAFKA_COMMAND_CONFIG=client.properties deploy/kafka/create-topics.sh
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}
partitions=${QUOTA_TOPIC_PARTITIONS:-6}
replication=${QUOTA_TOPIC_REPLICATION_FACTOR:-1}
kafka_topics=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}
client_config=()
if [[ -n ${KAFKA_COMMAND_CONFIG:-} ]]; then
  client_config=(--command-config "$KAFKA_COMMAND_CONFIG")
fi

topics=(
  pipeline.opportunity.v1
  contracts.contract.v1
  targets.org.v1
  targets.target.v1
  targets.attainment.v1
  performance.scorecard.v1
  performance.commission.v1
)
compacted=" targets.org.v1 "

create_topic() {
  local topic=$1 cleanup_policy=$2
  "$kafka_topics" --bootstrap-server "$bootstrap" "${client_config[@]}" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replication" \
    --config cleanup.policy="$cleanup_policy" --config retention.ms=-1
}

for topic in "${topics[@]}"; do
  if [[ $compacted == *" $topic "* ]]; then
    create_topic "$topic" compact
  else
    create_topic "$topic" delete
  fi
  # Dead letters are never compacted: every poison record stays until someone has looked at it.
  create_topic "${topic}-dlt" delete
done

# Show what exists, so a topic created earlier with other settings is visible in the log.
"$kafka_topics" --bootstrap-server "$bootstrap" "${client_config[@]}" --describe --topics-with-overrides
