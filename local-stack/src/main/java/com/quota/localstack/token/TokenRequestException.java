package com.quota.localstack.token;

/** auth-server gave no token: the HTTP status and OAuth2 error code (or {@code login_failed}) say why. */
public final class TokenRequestException extends RuntimeException {

    private final int status;
    private final String error;

    public TokenRequestException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status of the response that ended the attempt (0 when none came). */
    public int status() {
        return status;
    }

    /** The OAuth2 error code ({@code invalid_client}, {@code invalid_grant}, ...) or {@code login_failed}. */
    public String error() {
        return error;
    }
}
