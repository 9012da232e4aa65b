package com.quota.messaging.consumer;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.MessagingProperties;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.core.JacksonException;

/**
 * Error handling of event listeners: retry a failing record with bounded exponential back-off, then publish it to
 * {@code <topic>-dlt} (same partition) and go on with the next record. Invalid events skip the retries.
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
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        ConsumerRecordRecoverer recoverer = (record, error) -> {
            publisher.accept(record, error);
            metrics.deadLettered(record.topic());
            log.warn("Sent {}-{}@{} to {} after it failed: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetterOf(record.topic()), rootMessage(error));
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(retry));
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

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
