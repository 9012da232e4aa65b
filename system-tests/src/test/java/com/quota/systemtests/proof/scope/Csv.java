package com.quota.systemtests.proof.scope;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** A CSV export as rows keyed by its header (quoted fields with commas and doubled quotes). */
final class Csv {

    private Csv() {
    }

    static List<JsonNode> rows(String csv) {
        List<List<String>> lines = parse(csv);
        List<JsonNode> out = new ArrayList<>();
        if (lines.isEmpty()) {
            return out;
        }
        List<String> header = lines.get(0);
        for (List<String> line : lines.subList(1, lines.size())) {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size() && i < line.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                line.add(field.toString());
                field.setLength(0);
                if (!(line.size() == 1 && line.get(0).isEmpty())) {
                    lines.add(line);
                }
                line = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !line.isEmpty()) {
            line.add(field.toString());
            lines.add(line);
        }
        return lines;
    }
}
