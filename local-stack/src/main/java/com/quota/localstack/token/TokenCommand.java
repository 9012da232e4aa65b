package com.quota.localstack.token;


import com.quota.localstack.demo.DemoCompany;
import com.quota.localstack.demo.DemoCompanyReader;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./quota token <username>} prints a user's access token (PKCE login with the demo password);
 * {@code ./quota token --client <id> [--secret s] [--scope a b ...]} prints a client-credentials token
 * (secret defaults to {@code <id>-secret}, scopes to the integration's scopes in demo-company.json).
 * {@code --auth-server <url>} or QUOTA_AUTH_SERVER_URL picks the server, default http://localhost:9000
 * (or AUTH_SERVER_PORT); {@code --password} or QUOTA_DEMO_PASSWORD the password, default quota-demo.
 */
public final class TokenCommand {

    private static final String USAGE = """
            usage: token <username> [--password <p>] [--auth-server <url>]
                   token --client <clientId> [--secret <s>] [--scope <scope> ...] [--auth-server <url>]
            prints an access token from auth-server, e.g. token rep.li, token --client crm-sync""";

    private TokenCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the process exit code (0 token printed, 1 no token, 2 bad usage). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String username = null;
        String clientId = null;
        String secret = null;
        String password = env.getOrDefault("QUOTA_DEMO_PASSWORD", "quota-demo");
        String authServer = env.getOrDefault("QUOTA_AUTH_SERVER_URL",
                "http://localhost:" + env.getOrDefault("AUTH_SERVER_PORT", "9000"));
        List<String> scopes = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--client" -> clientId = value(args, ++i);
                    case "--secret" -> secret = value(args, ++i);
                    case "--password" -> password = value(args, ++i);
                    case "--auth-server" -> authServer = value(args, ++i);
                    case "--scope" -> {
                        scopes.addAll(List.of(value(args, ++i).split("[ ,]+")));
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            scopes.addAll(List.of(args[++i].split("[ ,]+")));
                        }
                    }
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--") || username != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        username = args[i];
                    }
                }
            }
            if ((username == null) == (clientId == null)) {
                throw new IllegalArgumentException("name either a username or --client <clientId>");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        scopes.removeIf(String::isBlank);
        try {
            TokenClient client = new TokenClient();
            String token;
            if (clientId != null) {
                if (scopes.isEmpty()) {
                    scopes.addAll(demoIntegrationScopes(clientId));
                }
                token = client.clientCredentials(authServer, clientId, secret != null ? secret : clientId + "-secret",
                        scopes.toArray(String[]::new));
            } else {
                token = client.userToken(authServer, username, password);
            }
            out.println(token);
            return 0;
        } catch (TokenRequestException e) {
            err.println("no token: " + e.getMessage());
            if (username != null && "login_failed".equals(e.error())) {
                err.println(loginHint(username, DemoCompanyReader.read()));
            }
            return 1;
        }
    }

    /**
     * auth-server answers an unknown user and a wrong password alike (on purpose: it does not tell strangers who
     * exists); the local CLI knows the demo users, so it can say which of the two it probably was.
     */
    static String loginHint(String username, DemoCompany demo) {
        List<String> demoUsers = new ArrayList<>();
        demo.admins().forEach(admin -> demoUsers.add(admin.username()));
        demo.people().forEach(person -> demoUsers.add(person.username()));
        if (demoUsers.contains(username)) {
            return "'" + username + "' is a demo user, so the password was refused: the demo password is quota-demo "
                    + "unless --password or QUOTA_DEMO_PASSWORD says otherwise";
        }
        return "'" + username + "' is not a demo user (unknown user); demo users: " + String.join(", ", demoUsers);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The scopes demo-company.json gives an integration; none for other clients. */
    static List<String> demoIntegrationScopes(String clientId) {
        return DemoCompanyReader.read().integration(clientId).map(DemoCompany.Integration::scopes).orElse(List.of());
    }
}
