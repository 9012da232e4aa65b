package com.quota.contract.web;

import com.quota.messaging.outbox.OutboxMessage;
import com.quota.messaging.outbox.OutboxWriter;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test-only endpoint that writes one event to the outbox inside a request, so a test can follow the request's
 * trace from the HTTP {@code traceparent} header to the Kafka record header. Imported explicitly by the test context.
 */
@TestComponent
@Hidden
@RestController
public class OutboxProbeController {

    private final OutboxWriter outbox;
    private final TransactionalOperator transaction;
    private final String topic;

    OutboxProbeController(OutboxWriter outbox, ReactiveTransactionManager transactions,
                          @Value("${quota.messaging.topics.declare}") List<String> published) {
        this.outbox = outbox;
        // the outbox refuses to write outside a transaction (a business change and its event commit together)
        this.transaction = TransactionalOperator.create(transactions);
        this.topic = published.get(0);
    }

    /** The topic the probe's events go to: the first topic this service publishes. */
    public String topic() {
        return topic;
    }

    @PostMapping("/probe/outbox/{aggregateId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> append(@PathVariable UUID aggregateId) {
        return transaction.transactional(outbox.append(OutboxMessage.of(topic, "ProbeRecorded", "1", aggregateId)
                .payload(Map.of("probe", true)).build()));
    }
}
