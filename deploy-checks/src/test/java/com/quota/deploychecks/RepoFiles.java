package com.quota.deploychecks;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the repository's deployment files (the tests run in deploy-checks, one level below the root). */
final class RepoFiles {

    static final Path ROOT = findRoot();

    /** The six apps: module name = compose service = k8s Deployment = image name. */
    static final List<String> APPS = List.of("gateway", "auth-server", "target-service", "pipeline-service",
            "contract-service", "performance-service");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RepoFiles() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static JsonNode json(Path file) {
        return JSON.readTree(read(file));
    }

    /** Every YAML document of a file (merge keys and anchors resolved), empty documents dropped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(read(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static Map<String, Object> yaml(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    static List<Path> files(String relativeDirectory, String suffix) {
        try (Stream<Path> walk = Files.walk(path(relativeDirectory))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("deploy-checks")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Navigates nested maps and lists: {@code at(doc, "spec", "template", "spec")}; null when a step is missing. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... steps) {
        Object current = node;
        for (Object step : steps) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer index) {
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, Object... steps) {
        List<Map<String, Object>> list = at(node, steps);
        return list == null ? List.of() : list;
    }
}
