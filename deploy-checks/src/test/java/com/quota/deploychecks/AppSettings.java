package com.quota.deploychecks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an app reads from its environment, from its {@code application.yml} placeholders ({@code ${NAME:default}}).
 * A deployment must set a variable when the app has no default for it, when the default only fits a developer's
 * machine (a value whose default points at {@code localhost}: every variable of that value), or when it is a
 * credential with a development default ({@code *_USER}, {@code *_USERNAME}, {@code *_PASSWORD} defaulting to e.g.
 * {@code postgres}). An empty default ({@code ${X:}}) marks an optional feature: not required.
 */
record AppSettings(String app, Map<String, String> placeholders, Set<String> required, int port) {

    /** Set by deployments without being a placeholder: Spring's own binding of server.port. */
    static final Set<String> ALWAYS_ALLOWED = Set.of("SERVER_PORT", "JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}?");
    private static final Pattern PORT = Pattern.compile("^\\s*port:\\s*\\$\\{.*?(\\d+)}+\\s*$", Pattern.MULTILINE);

    static AppSettings of(String app) {
        String yaml = RepoFiles.read(app + "/src/main/resources/application.yml");
        Map<String, String> placeholders = new LinkedHashMap<>();
        Set<String> required = new TreeSet<>();
        for (String line : yaml.split("\n")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Map<String, String> onLine = new LinkedHashMap<>();
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                if (m.group(1).equals(m.group(1).toUpperCase())) {
                    onLine.put(m.group(1), m.group(2));
                }
            }
            boolean local = onLine.values().stream().anyMatch(d -> d != null && d.contains("localhost"));
            onLine.forEach((name, defaultValue) -> {
                placeholders.putIfAbsent(name, defaultValue);
                boolean credential = name.endsWith("_USER") || name.endsWith("_USERNAME") || name.endsWith("_PASSWORD");
                if (defaultValue == null || local || (credential && !defaultValue.isEmpty())) {
                    required.add(name);
                }
            });
        }
        Matcher port = PORT.matcher(yaml);
        if (!port.find()) {
            throw new IllegalStateException(app + ": no server.port placeholder with a default");
        }
        return new AppSettings(app, placeholders, required, Integer.parseInt(port.group(1)));
    }

    boolean reads(String variable) {
        return placeholders.containsKey(variable) || ALWAYS_ALLOWED.contains(variable);
    }
}
