package com.quota.messaging.consumer;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.MessagingProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error handling of event listeners: a failing event is retried with bounded exponential back-off (an invalid one
 * not at all), then stored as dead-lettered with its key parked (later events of the key wait for it) and published
 * to {@code <topic>-dlt} (same partition); the partition goes on with the next record. Transient failures never get
 * here: the dispatcher retries them itself (see {@link InboundEventDispatcher}).
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /**
     * @param template a template whose value serializer takes the raw {@code byte[]} of the failed record
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> template, MessagingProperties.Retry retry,
                                                   MessagingMetrics metrics) {
        return errorHandler(template, retry, metrics, null, null, null);
    }

    /**
     * The error handler of one consumer: also stores each dead-lettered record and parks its key, in the database,
     * before publishing it to the dead-letter topic.
     */
    static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> template, MessagingProperties.Retry retry,
                                            MessagingMetrics metrics, String consumer, ParkedEvents parked,
                                            com.quota.messaging.inbox.Inbox inbox) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        ConsumerRecordRecoverer recoverer = (record, error) -> {
            if (parked != null) {
                @SuppressWarnings("unchecked")
                ConsumerRecord<String, byte[]> typed = (ConsumerRecord<String, byte[]>) record;
                // stored first: if the database is down this throws and the record is tried again, never lost
                inbox.inOneTransaction(parked.deadLetter(consumer, typed, error)).block(Duration.ofSeconds(30));
            }
            publisher.accept(record, error);
            metrics.deadLettered(record.topic());
            log.warn("Sent {}-{}@{} (key {}) to {} after it failed{}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetterOf(record.topic()), parked != null && record.key() != null
                            ? "; later events of its key are parked until it is redriven or discarded" : "",
                    ParkedEvents.describe(error));
        };
        DefaultErrorHandler handler = new ParkingErrorHandler(recoverer, backOff(retry));
        handler.addNotRetryableExceptions(InvalidEventException.class, JacksonException.class);
        // a failed attempt is expected flow (it is retried, then dead-lettered): not an ERROR in the log
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    static ExponentialBackOffWithMaxRetries backOff(MessagingProperties.Retry retry) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.getMaxRetries());
        backOff.setInitialInterval(retry.getInitialInterval().toMillis());
        backOff.setMultiplier(retry.getMultiplier());
        backOff.setMaxInterval(retry.getMaxInterval().toMillis());
        return backOff;
    }

    /** A consumer that stops in the middle of a transient retry leaves the poll uncommitted: it is read again. */
    static final class ParkingErrorHandler extends DefaultErrorHandler {

        ParkingErrorHandler(ConsumerRecordRecoverer recoverer, ExponentialBackOffWithMaxRetries backOff) {
            super(recoverer, backOff);
        }

        @Override
        public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrown, ConsumerRecords<?, ?> data,
                                                                           Consumer<?, ?> consumer,
                                                                           MessageListenerContainer container,
                                                                           Runnable invokeListener) {
            if (retryLater(thrown)) {
                // all of them remain: the container acknowledges none, and drops them when it stops; the next
                // owner of the partitions reads them again from the committed offsets
                @SuppressWarnings("unchecked")
                ConsumerRecords<K, V> all = (ConsumerRecords<K, V>) data;
                return all;
            }
            return super.handleBatchAndReturnRemaining(thrown, data, consumer, container, invokeListener);
        }

        @Override
        public void handleBatch(Exception thrown, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                                MessageListenerContainer container, Runnable invokeListener) {
            if (retryLater(thrown)) {
                seekToFirst(data, consumer);
                return;
            }
            super.handleBatch(thrown, data, consumer, container, invokeListener);
        }

        private static boolean retryLater(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof InboundEventDispatcher.RetryLater) {
                    return true;
                }
            }
            return false;
        }

        private static void seekToFirst(ConsumerRecords<?, ?> data, Consumer<?, ?> consumer) {
            Map<TopicPartition, Long> first = new LinkedHashMap<>();
            for (ConsumerRecord<?, ?> record : data) {
                first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            }
            first.forEach((partition, offset) -> {
                try {
                    consumer.seek(partition, offset);
                } catch (IllegalStateException notAssigned) {
                    // revoked meanwhile: its new owner reads from the committed offset
                }
            });
        }
    }
}
