package com.quota.messaging.ops;

import com.quota.messaging.consumer.DeadLetterOperations;
import com.quota.messaging.relay.OutboxOperations;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operator's view of the backbone at {@code /actuator/messaging} (ADMIN only, as every actuator endpoint of a
 * service): GET lists dead-lettered and parked events and parked outbox rows; POST {@code /actuator/messaging/{action}}
 * with a JSON body redrives a key ({@code redrive}: consumer, key), redrives one event ({@code redrive-event}: id),
 * discards one event ({@code discard}: id, reason), retries or discards a parked outbox row ({@code outbox-retry},
 * {@code outbox-discard}: outboxId, reason). See docs/operations.md.
 */
@Endpoint(id = "messaging")
public class MessagingOperationsEndpoint {

    private static final int LIMIT = 500;

    private final DeadLetterOperations deadLetters;
    private final @Nullable OutboxOperations outbox;

    public MessagingOperationsEndpoint(DeadLetterOperations deadLetters, @Nullable OutboxOperations outbox) {
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    @ReadOperation
    public Mono<Map<String, Object>> overview() {
        Mono<List<DeadLetterOperations.StoredEvent>> events = deadLetters.open(null, LIMIT).collectList();
        Mono<List<OutboxOperations.ParkedRow>> rows = outbox == null ? Mono.just(List.of()) : outbox.parked(LIMIT).collectList();
        return Mono.zip(events, rows).map(both -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("deadLettered", both.getT1().stream().filter(e -> e.status().equals("DEAD_LETTERED")).toList());
            body.put("parked", both.getT1().stream().filter(e -> e.status().equals("PARKED")).toList());
            body.put("parkedOutboxRows", both.getT2());
            return body;
        });
    }

    @WriteOperation
    public Mono<Map<String, Object>> act(@Selector String action, @Nullable String consumer, @Nullable String key,
                                         @Nullable Long id, @Nullable String outboxId, @Nullable String reason,
                                         SecurityContext security) {
        Principal principal = security.getPrincipal();
        String actor = principal != null ? principal.getName() : "unknown";
        return switch (action) {
            case "redrive" -> consumer == null || key == null ? bad("redrive needs consumer and key")
                    : deadLetters.redrive(consumer, key, actor, reason).map(MessagingOperationsEndpoint::body);
            case "redrive-event" -> id == null ? bad("redrive-event needs id")
                    : deadLetters.redriveEvent(id, actor, reason).map(MessagingOperationsEndpoint::body);
            case "discard" -> id == null || reason == null || reason.isBlank() ? bad("discard needs id and reason")
                    : deadLetters.discard(id, actor, reason).map(MessagingOperationsEndpoint::body);
            case "outbox-retry" -> outbox == null || outboxId == null ? bad("outbox-retry needs outboxId (and a relay)")
                    : outbox.retry(UUID.fromString(outboxId), actor, reason).map(done -> Map.<String, Object>of("done", done));
            case "outbox-discard" -> outbox == null || outboxId == null || reason == null || reason.isBlank()
                    ? bad("outbox-discard needs outboxId and reason")
                    : outbox.discard(UUID.fromString(outboxId), actor, reason).map(done -> Map.<String, Object>of("done", done));
            default -> bad("unknown action '" + action + "'; one of redrive, redrive-event, discard, outbox-retry, outbox-discard");
        };
    }

    private static Mono<Map<String, Object>> bad(String message) {
        return Mono.just(Map.of("done", false, "error", message));
    }

    private static Map<String, Object> body(DeadLetterOperations.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("done", outcome.done());
        body.put("applied", outcome.applied());
        if (outcome.error() != null) {
            body.put("error", outcome.error());
        }
        return body;
    }
}
