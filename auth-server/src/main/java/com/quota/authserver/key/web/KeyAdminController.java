package com.quota.authserver.key.web;

import com.quota.authserver.key.SigningKeyInfo;
import com.quota.authserver.key.SigningKeyStore;
import com.quota.authserver.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * {@code /admin/keys}: rotate the signing key (the new key signs, the old one stays in the JWKS) and
 * retire an old key once no token it signed is still alive (access tokens live minutes).
 */
@RestController
@RequestMapping("/admin/keys")
public class KeyAdminController {

    private final SigningKeyStore keys;

    public KeyAdminController(SigningKeyStore keys) {
        this.keys = keys;
    }

    @GetMapping
    public List<SigningKeyInfo> list() {
        return keys.list();
    }

    @GetMapping("/{kid}")
    public SigningKeyInfo get(@PathVariable String kid) {
        return keys.find(kid).orElseThrow(() -> new SigningKeyStore.UnknownKeyException(kid));
    }

    @PostMapping("/rotate")
    public ResponseEntity<SigningKeyInfo> rotate() {
        String kid = keys.rotate();
        return ResponseEntity.created(URI.create("/admin/keys/" + kid)).body(keys.find(kid).orElseThrow());
    }

    @PostMapping("/{kid}/retire")
    public SigningKeyInfo retire(@PathVariable String kid) {
        return keys.retire(kid);
    }

    @ExceptionHandler(SigningKeyStore.UnknownKeyException.class)
    ProblemDetail unknownKey(SigningKeyStore.UnknownKeyException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "signing-key-not-found", "Signing key not found", e.getMessage());
    }

    @ExceptionHandler(SigningKeyStore.ActiveKeyException.class)
    ProblemDetail activeKey(SigningKeyStore.ActiveKeyException e) {
        return Problems.of(HttpStatus.CONFLICT, "active-signing-key", "The active signing key cannot be retired", e.getMessage());
    }
}
