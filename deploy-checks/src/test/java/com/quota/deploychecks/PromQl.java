package com.quota.deploychecks;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the metric names a PromQL expression selects (enough PromQL for Quota's dashboards and rules). */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String rest = STRING.matcher(expression).replaceAll("\"\"");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(rest);
        while (identifiers.find()) {
            String name = identifiers.group(1);
            if (!KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Parentheses, brackets and braces are balanced (outside strings): a cheap guard against a broken edit. */
    static boolean balanced(String expression) {
        String rest = STRING.matcher(expression).replaceAll("\"\"");
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        for (char c : rest.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> open.push(c);
                case ')' -> { if (open.isEmpty() || open.pop() != '(') return false; }
                case ']' -> { if (open.isEmpty() || open.pop() != '[') return false; }
                case '}' -> { if (open.isEmpty() || open.pop() != '{') return false; }
                default -> { }
            }
        }
        return open.isEmpty();
    }
}
