package com.quota.messaging;

import com.quota.eventcontracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the event backbone, under {@code quota.messaging.*}. */
@ConfigurationProperties("quota.messaging")
public class MessagingProperties {

    private final Schema schema = new Schema();
    private final Relay relay = new Relay();
    private final Consumer consumer = new Consumer();
    private final TopicSettings topics = new TopicSettings();
    private final Health health = new Health();

    public Schema getSchema() {
        return schema;
    }

    public Relay getRelay() {
        return relay;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public TopicSettings getTopics() {
        return topics;
    }

    public Health getHealth() {
        return health;
    }

    /** The outbox and inbox tables, migrated by their own Flyway history table over JDBC. */
    public static class Schema {

        /** Whether to run the messaging migrations (classpath:db/messaging) at startup. */
        private boolean migrate = true;
        /** JDBC URL; defaults to spring.flyway.url, then spring.datasource.url. */
        private String url;
        /** Defaults to spring.flyway.user, then spring.datasource.username. */
        private String user;
        /** Defaults to spring.flyway.password, then spring.datasource.password. */
        private String password;
        /** Flyway history table of the messaging tables, apart from the service's own. */
        private String historyTable = "messaging_schema_history";

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getHistoryTable() {
            return historyTable;
        }

        public void setHistoryTable(String historyTable) {
            this.historyTable = historyTable;
        }
    }

    /** The outbox relay: how often it looks, how much it takes, how it backs off and what it keeps. */
    public static class Relay {

        /** Whether this instance runs a relay (any number of instances may). */
        private boolean enabled = true;
        /** Pause between polls when the outbox is empty; a commit in this JVM wakes the relay at once. */
        private Duration pollInterval = Duration.ofMillis(50);
        /** Rows locked and published per poll. */
        private int batchSize = 500;
        /** First wait after a failed send of a row (or a failed poll); doubles per attempt up to max-backoff. */
        private Duration initialBackoff = Duration.ofMillis(200);
        private double backoffMultiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(30);
        /** Published rows older than this are deleted. */
        private Duration retention = Duration.ofDays(7);
        /** How often published rows past retention are purged. */
        private Duration purgeInterval = Duration.ofHours(1);
        /** How often the backlog gauges are refreshed. */
        private Duration metricsInterval = Duration.ofSeconds(5);
        /** How long to wait for the broker to acknowledge one round of sends. */
        private Duration sendTimeout = Duration.ofSeconds(60);
        /** Kafka producer settings for the relay, over spring.kafka.producer.* and the relay's own defaults. */
        private Map<String, String> producer = new LinkedHashMap<>();
        /** Failed sends of a row that the row itself is to blame for (too large, unknown topic) before it is parked. */
        private int maxAttempts = 5;
        /** Longest a stopping relay waits for its poll in progress (Kubernetes' grace period is 30 s). */
        private Duration shutdownTimeout = Duration.ofSeconds(15);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public double getBackoffMultiplier() {
            return backoffMultiplier;
        }

        public void setBackoffMultiplier(double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }

        public Duration getMetricsInterval() {
            return metricsInterval;
        }

        public void setMetricsInterval(Duration metricsInterval) {
            this.metricsInterval = metricsInterval;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public Map<String, String> getProducer() {
            return producer;
        }

        public void setProducer(Map<String, String> producer) {
            this.producer = producer;
        }
    }

    /** Consumers of events: group names, retries before the dead-letter topic. */
    public static class Consumer {

        /** Consumer name (Kafka group id and inbox key) for handlers that name none; defaults to spring.application.name. */
        private String defaultName;
        /** Listener threads per consumer; at most the partition count is useful. */
        private int concurrency = 1;
        /** Whether the event listeners start with the application. */
        private boolean autoStartup = true;
        /** Longest time one handler call may take before it counts as a transient failure (the poll is retried). */
        private Duration handlerTimeout = Duration.ofSeconds(30);
        /** Longest time the transaction of one poll may take; keep it well below max.poll.interval.ms (5 min). */
        private Duration pollTimeout = Duration.ofSeconds(60);
        /** First wait after a transient failure (database down, deadlock, timeout); doubles per attempt. */
        private Duration transientInitialBackoff = Duration.ofMillis(200);
        /** Longest wait between attempts after transient failures; they are retried without end, never dead-lettered. */
        private Duration transientMaxBackoff = Duration.ofSeconds(10);
        private final Retry retry = new Retry();

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public Duration getTransientInitialBackoff() {
            return transientInitialBackoff;
        }

        public void setTransientInitialBackoff(Duration transientInitialBackoff) {
            this.transientInitialBackoff = transientInitialBackoff;
        }

        public Duration getTransientMaxBackoff() {
            return transientMaxBackoff;
        }

        public void setTransientMaxBackoff(Duration transientMaxBackoff) {
            this.transientMaxBackoff = transientMaxBackoff;
        }

        public String getDefaultName() {
            return defaultName;
        }

        public void setDefaultName(String defaultName) {
            this.defaultName = defaultName;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public boolean isAutoStartup() {
            return autoStartup;
        }

        public void setAutoStartup(boolean autoStartup) {
            this.autoStartup = autoStartup;
        }

        public Duration getHandlerTimeout() {
            return handlerTimeout;
        }

        public void setHandlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
        }

        public Retry getRetry() {
            return retry;
        }
    }

    /** Bounded exponential back-off before a failing record goes to {@code <topic>-dlt}. */
    public static class Retry {

        /** Retries after the first failure (so attempts = max-retries + 1). */
        private int maxRetries = 4;
        private Duration initialInterval = Duration.ofMillis(500);
        private double multiplier = 2.0;
        private Duration maxInterval = Duration.ofSeconds(5);

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getInitialInterval() {
            return initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }
    }

    /** Topics this service declares (created with their {@code -dlt} twins when missing). */
    public static class TopicSettings {

        /** Topics to create if missing, e.g. the ones the service publishes; consumed topics are added automatically. */
        private List<String> declare = new ArrayList<>();
        private int partitions = Topics.LOCAL_PARTITIONS;
        /** Replication factor; -1 uses the broker's default. */
        private short replicas = -1;
        /** Topics with cleanup.policy=compact (the latest event per key is the current state). */
        private List<String> compacted = new ArrayList<>(Topics.COMPACTED);

        public List<String> getDeclare() {
            return declare;
        }

        public void setDeclare(List<String> declare) {
            this.declare = declare;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicas() {
            return replicas;
        }

        public void setReplicas(short replicas) {
            this.replicas = replicas;
        }

        public List<String> getCompacted() {
            return compacted;
        }

        public void setCompacted(List<String> compacted) {
            this.compacted = compacted;
        }
    }

    /** The {@code kafka} health contributor. */
    public static class Health {

        /** Longest wait for describeCluster before the broker counts as down. */
        private Duration timeout = Duration.ofSeconds(2);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
