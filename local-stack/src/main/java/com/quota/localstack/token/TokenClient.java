package com.quota.localstack.token;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets real access tokens from auth-server: client credentials for machine clients, and for users the
 * authorization code flow with PKCE exactly as a browser runs it (authorize, login form with its CSRF
 * token and session cookie, redirects back to authorize, code at the redirect URI, code exchange).
 * The callback port is never listened on: the code is read from the final redirect's Location.
 * Plain Java (java.net.http + Jackson) so the local runner and the system tests can both use it.
 */
public final class TokenClient {

    /** The public client of the command line and tests, registered by auth-server. */
    public static final String CLI_CLIENT_ID = "quota-cli";
    public static final String CLI_REDIRECT_URI = "http://127.0.0.1:53682/callback";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private final Duration timeout;
    private final String clientId;
    private final String redirectUri;

    public TokenClient() {
        this(Duration.ofSeconds(15));
    }

    public TokenClient(Duration timeout) {
        this(timeout, CLI_CLIENT_ID, CLI_REDIRECT_URI);
    }

    /** For another public client (e.g. quota-web with one of its redirect URIs). */
    public TokenClient(Duration timeout, String publicClientId, String redirectUri) {
        this.timeout = timeout;
        this.clientId = publicClientId;
        this.redirectUri = redirectUri;
    }

    /** A client-credentials access token; {@code tokenEndpointBase} is auth-server's base URL. */
    public String clientCredentials(String tokenEndpointBase, String clientId, String secret, String... scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scopes.length > 0) {
            form.put("scope", String.join(" ", scopes));
        }
        String basic = Base64.getEncoder().encodeToString(
                (urlEncode(clientId) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoint(tokenEndpointBase, "/oauth2/token"))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build();
        return accessTokenFrom(send(newHttpClient(), request));
    }

    /** A user's access token by the authorization code + PKCE flow, signing in with the login form. */
    public String userToken(String authServerBase, String username, String password) {
        HttpClient http = newHttpClient(); // its own cookie jar: one browser session per call
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid");
        query.put("state", state);
        query.put("code_challenge", s256(verifier));
        query.put("code_challenge_method", "S256");
        URI authorize = URI.create(endpoint(authServerBase, "/oauth2/authorize") + "?" + formBody(query));

        Step loginPage = follow(http, browserGet(authorize));
        if (loginPage.callback() != null) {
            return exchange(http, authServerBase, loginPage.callback(), state, verifier);
        }
        HttpResponse<String> page = loginPage.response();
        if (page.statusCode() >= 400) {
            // e.g. an unknown or disabled client: the server shows an error instead of redirecting
            throw new TokenRequestException(page.statusCode(), "authorization_failed",
                    "auth-server refused the authorization request for " + clientId + ": HTTP " + page.statusCode());
        }
        LoginForm form = LoginForm.parse(page.uri(), page.body())
                .orElseThrow(() -> new TokenRequestException(page.statusCode(), "login_failed",
                        "expected the login form at " + page.uri() + ", got HTTP " + page.statusCode()));

        Map<String, String> fields = new LinkedHashMap<>(form.hiddenFields());
        fields.put("username", username);
        fields.put("password", password);
        HttpRequest login = HttpRequest.newBuilder(form.action())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields)))
                .build();
        Step afterLogin = follow(http, login);
        if (afterLogin.callback() == null) {
            HttpResponse<String> end = afterLogin.response();
            throw new TokenRequestException(end.statusCode(), "login_failed",
                    "signing in as " + username + " did not lead back to " + redirectUri + " (ended at " + end.uri() + ")");
        }
        return exchange(http, authServerBase, afterLogin.callback(), state, verifier);
    }

    private String exchange(HttpClient http, String authServerBase, URI callback, String state, String verifier) {
        Map<String, String> params = queryParameters(callback);
        if (params.containsKey("error")) {
            throw new TokenRequestException(302, params.get("error"),
                    "authorization failed: " + params.get("error") + " " + params.getOrDefault("error_description", ""));
        }
        if (!state.equals(params.get("state"))) {
            throw new TokenRequestException(302, "invalid_state", "the redirect carried another state than was sent");
        }
        String code = params.get("code");
        if (code == null) {
            throw new TokenRequestException(302, "invalid_response", "the redirect to " + redirectUri + " carried no code");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(endpoint(authServerBase, "/oauth2/token"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build();
        return accessTokenFrom(send(http, request));
    }

    /** Follows redirects like a browser until a page is shown or a redirect goes to our redirect URI. */
    private Step follow(HttpClient http, HttpRequest first) {
        HttpResponse<String> response = send(http, first);
        for (int hops = 0; hops < MAX_REDIRECTS; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Step(response, null);
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new TokenRequestException(status, "invalid_response", "redirect without Location"));
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(redirectUri)) {
                return new Step(response, next);
            }
            response = send(http, browserGet(next));
        }
        throw new TokenRequestException(response.statusCode(), "invalid_response", "more than " + MAX_REDIRECTS + " redirects");
    }

    private record Step(HttpResponse<String> response, URI callback) {
    }

    private HttpRequest browserGet(URI uri) {
        // text/html: auth-server sends browsers (not API clients) to its login page
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "text/html").GET().build();
    }

    private HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException(0, "unreachable", "cannot reach " + request.uri().getHost() + ":"
                    + request.uri().getPort() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException(0, "interrupted", "interrupted while talking to auth-server");
        }
    }

    private static String accessTokenFrom(HttpResponse<String> response) {
        JsonNode body = parse(response);
        if (response.statusCode() != 200 || body == null || !body.hasNonNull("access_token")) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asString() : "http_" + response.statusCode();
            String description = body != null && body.hasNonNull("error_description") ? body.get("error_description").asString() : "";
            throw new TokenRequestException(response.statusCode(), error,
                    "token endpoint answered " + response.statusCode() + " " + error + (description.isEmpty() ? "" : ": " + description));
        }
        return body.get("access_token").asString();
    }

    private static JsonNode parse(HttpResponse<String> response) {
        if (response.body() == null || response.body().isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private static URI endpoint(String base, String path) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + path);
    }

    private static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The login form of a page: where it posts and its hidden fields (the CSRF token). */
    private record LoginForm(URI action, Map<String, String> hiddenFields) {

        static Optional<LoginForm> parse(URI page, String html) {
            if (html == null || !html.toLowerCase().contains("name=\"password\"")) {
                return Optional.empty();
            }
            Matcher form = FORM.matcher(html);
            String action = "/login";
            while (form.find()) {
                Map<String, String> attributes = attributes(form.group(1));
                if ("post".equalsIgnoreCase(attributes.getOrDefault("method", ""))) {
                    action = attributes.getOrDefault("action", action);
                    break;
                }
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(html);
            while (input.find()) {
                Map<String, String> attributes = attributes(input.group(1));
                if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
                    hidden.put(attributes.get("name"), unescape(attributes.getOrDefault("value", "")));
                }
            }
            return Optional.of(new LoginForm(page.resolve(unescape(action)), hidden));
        }

        private static Map<String, String> attributes(String tag) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher m = ATTRIBUTE.matcher(tag);
            while (m.find()) {
                attributes.put(m.group(1).toLowerCase(), m.group(3) != null ? m.group(3) : m.group(4));
            }
            return attributes;
        }

        private static String unescape(String html) {
            return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">");
        }
    }
}
