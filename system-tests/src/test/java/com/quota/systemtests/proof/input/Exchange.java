package com.quota.systemtests.proof.input;

/** A generated request and the answer it got ({@code status} 0: no answer within the timeout). */
public record Exchange(BadRequest request, int status, String contentType, String body) {

    public boolean problemJson() {
        return contentType != null && contentType.toLowerCase().startsWith("application/problem+json");
    }

    public String describe() {
        String snippet = body == null ? "" : body.replaceAll("\\s+", " ");
        return request.describe() + " -> " + status + " " + contentType + " " + snippet.substring(0, Math.min(160, snippet.length()));
    }
}
