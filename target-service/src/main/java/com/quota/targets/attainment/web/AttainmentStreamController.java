package com.quota.targets.attainment.web;

import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.targets.attainment.LiveEvent;
import com.quota.targets.attainment.OwnerType;
import com.quota.targets.attainment.application.CompanyCalendar;
import com.quota.targets.attainment.application.LiveFeed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * The live stream of attainment changes and pace alerts for the caller's scope (server-sent events): a REP their own,
 * a MANAGER their subtree's reps and units, ADMIN and DIRECTOR everything; an integration needs attainment.read.
 */
@RestController
@Tag(name = "attainment", description = "Actual against target, pace and run-rate, drillable to the source events")
class AttainmentStreamController {

    private static final String READ_SCOPE = "attainment.read";
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LiveFeed feed;
    private final ScopeResolver scopes;
    private final CompanyCalendar company;

    AttainmentStreamController(LiveFeed feed, ScopeResolver scopes, CompanyCalendar company) {
        this.feed = feed;
        this.scopes = scopes;
        this.company = company;
    }

    @GetMapping(path = "/api/attainment/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live attainment changes and alerts (server-sent events)",
            description = "Events named AttainmentChanged, AttainmentBehindPace and AttainmentBackOnPace, each with the "
                    + "event id and the payload of the event published to targets.attainment.v1, for the owners in "
                    + "the caller's scope (as of today), from the moment of subscribing; a comment every 15 s keeps "
                    + "the connection open. A first comment 'connected' says the stream is live.")
    Flux<ServerSentEvent<String>> stream() {
        return scopes.resolveCurrent(company.today())
                .doOnNext(scope -> scope.requireScope(READ_SCOPE))
                .flatMapMany(scope -> Flux.merge(
                                feed.events().filter(event -> visible(scope, event)).map(AttainmentStreamController::sse),
                                Flux.interval(HEARTBEAT).map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build()))
                        .startWith(ServerSentEvent.<String>builder().comment("connected").build()));
    }

    private static boolean visible(CallerScope scope, LiveEvent event) {
        return event.owner().type() == OwnerType.REP ? scope.canSeeRep(event.owner().id())
                : scope.canSeeUnit(event.owner().id());
    }

    private static ServerSentEvent<String> sse(LiveEvent event) {
        return ServerSentEvent.builder(event.payloadJson())
                .event(event.eventType())
                .id(event.eventId().toString())
                .build();
    }
}
