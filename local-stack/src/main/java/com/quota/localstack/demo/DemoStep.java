package com.quota.localstack.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One capability of one service that the demo loader feeds: an endpoint, the steps whose data it needs, whose token
 * it uses, and its calls (one per item). Bodies are built when the call is made, so ids handed out by earlier steps
 * can be filled in.
 *
 * @param name          shown in the output ("opportunities")
 * @param method        HTTP method of the endpoint
 * @param pathTemplate  path with {@code {id}} placeholders, as shown in "endpoint not available yet (POST /api/...)"
 * @param needs         names of steps that must have loaded before this one
 * @param caller        {@code null} for the ADMIN user, {@code user:<username>} for a person of the demo company (e.g. an
 *                      approver), else the OAuth2 scope an integration client must have
 * @param lookupPath    collection path to find an item by {@code ?externalRef=} when a create answers 409, or null
 * @param calls         the calls, one per item
 * @param onSuccess     what to do with a successful answer besides counting it (e.g. print who is logged in)
 * @param existingPath  for items without an externalRef: the collection (path template filled like the call's) read
 *                      before creating, where a call's {@link Call#existing() natural key} finds an item an earlier run
 *                      created (a rerun after the Idempotency-Keys expired would otherwise create it twice), or null
 */
record DemoStep(String name, String method, String pathTemplate, List<String> needs, String caller, String lookupPath,
                List<Call> calls, Consumer<DemoApi.Response> onSuccess, String existingPath) {

    DemoStep {
        needs = List.copyOf(needs);
        calls = List.copyOf(calls);
    }

    DemoStep(String name, String method, String pathTemplate, List<String> needs, String caller, String lookupPath,
             List<Call> calls, Consumer<DemoApi.Response> onSuccess) {
        this(name, method, pathTemplate, needs, caller, lookupPath, calls, onSuccess, null);
    }

    /** The same step, finding the items of earlier runs in {@code collectionPath} by each call's natural key first. */
    DemoStep findingExistingIn(String collectionPath) {
        return new DemoStep(name, method, pathTemplate, needs, caller, lookupPath, calls, onSuccess, collectionPath);
    }

    /** "POST /api/opportunities/{id}/win" */
    String endpoint() {
        return method + " " + pathTemplate;
    }

    /**
     * One request of a step.
     *
     * @param ref     the externalRef of what this call creates (its server id is remembered under it), or null
     * @param knownId the id when the client chooses it (PUT by id), else null (taken from the answer's {@code id})
     * @param request builds path arguments and body from the ids known so far
     */
    record Call(String ref, String knownId, Function<Refs, Request> request, NaturalKey existing) {

        Call(String ref, String knownId, Function<Refs, Request> request) {
            this(ref, knownId, request, null);
        }

        /** The same call, whose item an earlier run created is the one whose {@code field} is {@code value}. */
        Call foundBy(String field, String value) {
            return new Call(ref, knownId, request, new NaturalKey(field, value));
        }
    }

    /** A field of a collection's items that identifies one (a KPI's code, a template's role, a plan's name). */
    record NaturalKey(String field, String value) {
    }

    /**
     * Path arguments (in placeholder order), JSON body (null for none) and, for an update, the path whose
     * {@code ETag} the call must send as {@code If-Match} (null for none).
     */
    record Request(List<String> pathArguments, Object body, String ifMatchFrom) {
        static Request of(Object body, String... pathArguments) {
            return new Request(List.of(pathArguments), body, null);
        }

        /** The same call, sent with {@code If-Match} set to the current {@code ETag} of {@code path}. */
        Request withIfMatchFrom(String path) {
            return new Request(pathArguments, body, path);
        }
    }

    /** Server ids of loaded items by their externalRef. */
    interface Refs {
        Optional<String> find(String ref);

        /** The id of an item loaded earlier; a call whose item is missing fails (and says which). */
        default String id(String ref) {
            return find(ref).orElseThrow(() -> new MissingReference(ref));
        }
    }

    /** A call needs an item that was not loaded. */
    static final class MissingReference extends RuntimeException {
        MissingReference(String ref) {
            super("needs " + ref + ", which was not loaded");
        }
    }

    /** Shorthand for a JSON object body with fields in order; null values are left out. */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                body.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return body;
    }
}
