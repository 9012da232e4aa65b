package com.quota.authserver.client.web;

import com.quota.authserver.client.ClientRegistry;
import com.quota.authserver.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code /admin/clients}: list clients and disable or enable one. A disabled client gets no new token
 * (401 invalid_client at the token endpoint); tokens it already holds expire with their short lifetime.
 */
@RestController
@RequestMapping("/admin/clients")
public class ClientAdminController {

    private static final Logger log = LoggerFactory.getLogger(ClientAdminController.class);

    private final ClientRegistry registry;

    public ClientAdminController(ClientRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    public List<ClientView> list() {
        return registry.clientIds().stream()
                .flatMap(id -> registry.findIncludingDisabled(id).stream())
                .map(c -> ClientView.of(c, registry.isEnabled(c.getClientId())))
                .toList();
    }

    @GetMapping("/{clientId}")
    public ClientView get(@PathVariable String clientId) {
        return ClientView.of(existing(clientId), registry.isEnabled(clientId));
    }

    @PostMapping("/{clientId}/disable")
    public ClientView disable(@PathVariable String clientId, Authentication admin) {
        return setEnabled(clientId, false, admin);
    }

    @PostMapping("/{clientId}/enable")
    public ClientView enable(@PathVariable String clientId, Authentication admin) {
        return setEnabled(clientId, true, admin);
    }

    private ClientView setEnabled(String clientId, boolean enabled, Authentication admin) {
        RegisteredClient client = existing(clientId);
        registry.setEnabled(clientId, enabled, admin.getName());
        log.info("Client {} {} by {}", clientId, enabled ? "enabled" : "disabled", admin.getName());
        return ClientView.of(client, enabled);
    }

    private RegisteredClient existing(String clientId) {
        return registry.findIncludingDisabled(clientId).orElseThrow(() -> new UnknownClientException(clientId));
    }

    @ExceptionHandler(UnknownClientException.class)
    ProblemDetail unknownClient(UnknownClientException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "client-not-found", "Client not found", e.getMessage());
    }

    static final class UnknownClientException extends RuntimeException {
        UnknownClientException(String clientId) {
            super("no client " + clientId);
        }
    }
}
