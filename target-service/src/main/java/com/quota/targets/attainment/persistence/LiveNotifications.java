package com.quota.targets.attainment.persistence;

import com.quota.messaging.outbox.OutboxMessage;
import com.quota.targets.attainment.LiveEvent;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerType;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Live attainment changes over PostgreSQL LISTEN/NOTIFY: the events are notified in the transaction that writes them
 * to the outbox, so listeners on every instance receive them exactly when (and only if) that transaction commits.
 */
@Component
public class LiveNotifications {

    static final String CHANNEL = "attainment_live";
    // PostgreSQL refuses a payload of 8000 bytes or more: a larger one is notified without its figures
    private static final int MAX_PAYLOAD_BYTES = 7900;

    private final DatabaseClient db;
    private final ConnectionFactory connections;
    private final JsonMapper json;

    public LiveNotifications(DatabaseClient db, ConnectionFactory connections, JsonMapper json) {
        this.db = db;
        this.connections = connections;
        this.json = json;
    }

    /** Notifies the events (AttainmentChanged, pace alerts) in the current transaction, in order, one statement. */
    public Mono<Void> notifyAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        String[] texts = messages.stream().map(this::text).toArray(String[]::new);
        return db.sql("SELECT count(*) AS n FROM (SELECT pg_notify('" + CHANNEL + "', t)"
                        + " FROM unnest(CAST(:texts AS text[])) AS u(t)) notified")
                .bind("texts", texts)
                .fetch().all().then();
    }

    private String text(OutboxMessage message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventType", message.eventType());
        envelope.put("eventId", String.valueOf(message.eventId()));
        String text;
        if (message.payload() instanceof OutboxMessage.JsonText payload) {
            // JSON already written for the outbox row: embedded as it is, not serialized again
            String head = json.writeValueAsString(envelope);
            text = head.substring(0, head.length() - 1) + ",\"payload\":" + payload.json() + "}";
        } else {
            envelope.put("payload", message.payload());
            text = json.writeValueAsString(envelope);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES) {
            return text;
        }
        envelope.remove("payload");
        JsonNode owner = (message.payload() instanceof OutboxMessage.JsonText payload
                ? json.readTree(payload.json()) : json.valueToTree(message.payload())).get("owner");
        envelope.put("payload", Map.of("owner", owner));
        return json.writeValueAsString(envelope);
    }

    /**
     * Listens on a dedicated connection (outside the pool) for as long as the returned flux is subscribed; completes
     * or fails when the connection ends (the caller reconnects). A notification is parsed only while {@code wanted}
     * says someone follows the stream (a drain writes thousands per second that nobody may be watching).
     */
    public Flux<LiveEvent> listen(java.util.function.BooleanSupplier wanted) {
        ConnectionFactory direct = connections;
        while (direct instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            direct = inner;
        }
        return Flux.usingWhen(Mono.from(direct.create()),
                connection -> {
                    PostgresqlConnection postgres = postgres(connection);
                    return postgres.createStatement("LISTEN " + CHANNEL).execute()
                            .flatMap(result -> result.getRowsUpdated())
                            .thenMany(postgres.getNotifications());
                },
                Connection::close)
                .filter(notification -> wanted.getAsBoolean())
                .map(Notification::getParameter)
                .mapNotNull(this::event);
    }

    private static PostgresqlConnection postgres(Connection connection) {
        Object candidate = connection;
        while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
            candidate = wrapped.unwrap();
        }
        if (candidate instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException("live attainment needs a PostgreSQL R2DBC connection, got " + connection.getClass());
    }

    private LiveEvent event(String text) {
        if (text == null) {
            return null;
        }
        JsonNode envelope = json.readTree(text);
        JsonNode payload = envelope.get("payload");
        JsonNode owner = payload.get("owner");
        return new LiveEvent(envelope.get("eventType").asString(), UUID.fromString(envelope.get("eventId").asString()),
                new Owner(OwnerType.valueOf(owner.get("type").asString()), UUID.fromString(owner.get("id").asString())),
                json.writeValueAsString(payload));
    }
}
