package com.quota.deploychecks;

import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.quota.deploychecks.RepoFiles.at;
import static com.quota.deploychecks.RepoFiles.list;

/**
 * Renders a kustomization by reading its files: resources (files and directories), components, generated
 * ConfigMaps and Secrets (names and literals), namespace, labels, replicas and inline JSON 6902 {@code add}/
 * {@code replace} patches. That is every feature Quota's overlays use; anything else fails loudly, so a new feature
 * is never silently ignored. Generated names keep no hash suffix (references are checked by name).
 */
final class Kustomize {

    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "components", "configMapGenerator", "secretGenerator", "images", "replicas", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    private static final Map<String, List<Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rendered documents of an overlay, rendered once per test JVM (callers only read them). */
    static List<Map<String, Object>> render(String relativeDirectory) {
        return RENDERED.computeIfAbsent(relativeDirectory, dir -> List.copyOf(render(RepoFiles.path(dir))));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = RepoFiles.yaml(directory.resolve("kustomization.yaml"));
        for (String field : kustomization.keySet()) {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new IllegalStateException(directory + ": kustomize field '" + field + "' is not understood by this renderer");
            }
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String resource : RepoFiles.<List<String>>at(kustomization, "resources") == null ? List.<String>of()
                : RepoFiles.<List<String>>at(kustomization, "resources")) {
            Path path = directory.resolve(resource).normalize();
            documents.addAll(Files.isDirectory(path) ? render(path) : RepoFiles.yamlDocuments(path));
        }
        for (String component : RepoFiles.<List<String>>at(kustomization, "components") == null ? List.<String>of()
                : RepoFiles.<List<String>>at(kustomization, "components")) {
            documents.addAll(render(directory.resolve(component).normalize()));
        }
        for (Map<String, Object> generator : list(kustomization, "configMapGenerator")) {
            generate(documents, "ConfigMap", generator);
        }
        for (Map<String, Object> generator : list(kustomization, "secretGenerator")) {
            generate(documents, "Secret", generator);
        }
        for (Map<String, Object> replicas : list(kustomization, "replicas")) {
            find(documents, "Deployment", (String) replicas.get("name")).forEach(d ->
                    ((Map<String, Object>) d.get("spec")).put("replicas", replicas.get("count")));
        }
        for (Map<String, Object> patch : list(kustomization, "patches")) {
            applyPatch(documents, patch, directory);
        }
        String namespace = (String) kustomization.get("namespace");
        for (Map<String, Object> document : documents) {
            if (namespace != null && !CLUSTER_SCOPED.contains(document.get("kind"))) {
                metadata(document).put("namespace", namespace);
            }
            for (Map<String, Object> labels : list(kustomization, "labels")) {
                Map<String, Object> pairs = (Map<String, Object>) labels.get("pairs");
                labels(metadata(document)).putAll(pairs);
                Map<String, Object> template = at(document, "spec", "template", "metadata");
                if (Boolean.TRUE.equals(labels.get("includeTemplates")) && template != null) {
                    labels(template).putAll(pairs);
                }
            }
        }
        return documents;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static List<Map<String, Object>> find(List<Map<String, Object>> documents, String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static void generate(List<Map<String, Object>> documents, String kind, Map<String, Object> generator) {
        String name = (String) generator.get("name");
        Map<String, Object> data = new LinkedHashMap<>();
        for (String literal : RepoFiles.<List<String>>at(generator, "literals")) {
            int equals = literal.indexOf('=');
            data.put(literal.substring(0, equals), literal.substring(equals + 1));
        }
        if (generator.containsKey("files") || generator.containsKey("envs")) {
            throw new IllegalStateException(name + ": only literals are understood by this renderer");
        }
        List<Map<String, Object>> existing = find(documents, kind, name);
        if ("merge".equals(generator.get("behavior"))) {
            if (existing.size() != 1) {
                throw new IllegalStateException("merge into missing " + kind + " " + name);
            }
            ((Map<String, Object>) existing.get(0).get("data")).putAll(data);
            return;
        }
        if (!existing.isEmpty()) {
            throw new IllegalStateException(kind + " " + name + " generated twice");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "v1");
        document.put("kind", kind);
        document.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        document.put("data", data);
        documents.add(document);
    }

    @SuppressWarnings("unchecked")
    private static void applyPatch(List<Map<String, Object>> documents, Map<String, Object> patch, Path directory) {
        if (patch.containsKey("path")) {
            throw new IllegalStateException(directory + ": patch files are not understood by this renderer");
        }
        String kind = at(patch, "target", "kind");
        String name = at(patch, "target", "name");
        List<Map<String, Object>> operations = (List<Map<String, Object>>) new Yaml().load((String) patch.get("patch"));
        for (Map<String, Object> document : documents) {
            if (!document.get("kind").equals(kind) || (name != null && !name.equals(at(document, "metadata", "name")))) {
                continue;
            }
            for (Map<String, Object> operation : operations) {
                String op = (String) operation.get("op");
                if (!op.equals("add") && !op.equals("replace")) {
                    throw new IllegalStateException("patch op " + op + " is not understood by this renderer");
                }
                set(document, (String) operation.get("path"), operation.get("value"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> document, String pointer, Object value) {
        String[] steps = pointer.substring(1).split("/");
        Object node = document;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(steps[i])) : ((Map<String, Object>) node).get(steps[i]);
            if (node == null) {
                throw new IllegalStateException("patch path " + pointer + " does not exist");
            }
        }
        String last = steps[steps.length - 1];
        if (node instanceof List<?> list) {
            ((List<Object>) list).add(last.equals("-") ? list.size() : Integer.parseInt(last), value);
        } else {
            ((Map<String, Object>) node).put(last, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> document) {
        return (Map<String, Object>) document.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> metadata) {
        return (Map<String, Object>) metadata.computeIfAbsent("labels", k -> new LinkedHashMap<>());
    }
}
