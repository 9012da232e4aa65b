package com.quota.deploychecks;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.quota.deploychecks.RepoFiles.APPS;
import static com.quota.deploychecks.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib image configuration, read from the poms (no image is built in the default build): a small JRE base,
 * non-root, container-aware JVM flags, the health probe, each app's port and main class, and only with -Pimages.
 */
class JibConfigurationTest {

    private static final String JIB = "jib-maven-plugin";

    private static Document pom(String module) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            String file = module.isEmpty() ? "pom.xml" : module + "/pom.xml";
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(RepoFiles.read(file).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(module, e);
        }
    }

    private static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Node parent, String... path) {
        Node current = parent;
        for (String name : path) {
            List<Element> found = children(current, name);
            if (found.isEmpty()) {
                return null;
            }
            current = found.get(0);
        }
        return (Element) current;
    }

    private static String text(Node parent, String... path) {
        Element element = child(parent, path);
        return element == null ? null : element.getTextContent().strip();
    }

    /** The texts of a list element's children ({@code <jvmFlags><jvmFlag>..}, {@code <ports><port>..}). */
    private static List<String> texts(Node parent, String... path) {
        Element list = child(parent, path);
        if (list == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        NodeList nodes = list.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                texts.add(element.getTextContent().strip());
            }
        }
        return texts;
    }

    private static Element jibIn(Element plugins) {
        return children(plugins, "plugin").stream().filter(p -> JIB.equals(text(p, "artifactId"))).findFirst().orElse(null);
    }

    private static Element profile(Document pom, String id) {
        return children(child(pom.getDocumentElement(), "profiles"), "profile").stream()
                .filter(p -> id.equals(text(p, "id"))).findFirst().orElse(null);
    }

    private static String property(Element profile, String name) {
        return text(profile, "properties", name);
    }

    @Test
    void theParentConfiguresASmallJreBaseANonRootUserAndContainerAwareJvmFlags() {
        Document parent = pom("");
        Element jib = jibIn(child(parent.getDocumentElement(), "build", "pluginManagement", "plugins"));
        assertThat(jib).as("jib in the parent's pluginManagement").isNotNull();
        assertThat(text(jib, "groupId")).isEqualTo("com.google.cloud.tools");
        assertThat(text(jib, "version")).as("a fixed plugin version").matches("\\d+\\.\\d+\\.\\d+");
        Element configuration = child(jib, "configuration");
        Element images = profile(parent, "images");

        assertThat(text(configuration, "from", "image")).isEqualTo("${image.base}");
        assertThat(property(images, "image.base")).as("a JRE (not a JDK) base").matches("eclipse-temurin:\\d+-jre.*");
        assertThat(property(images, "image.base")).startsWith("eclipse-temurin:17");
        // the same base as deploy/Dockerfile
        assertThat(RepoFiles.read("deploy/Dockerfile")).contains("ARG JAVA_IMAGE=" + property(images, "image.base"));
        assertThat(text(configuration, "to", "image")).isEqualTo("${image.registry}/${project.artifactId}:${image.tag}");

        String user = text(configuration, "container", "user");
        assertThat(user).as("numeric uid:gid").matches("\\d+:\\d+");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
        // the uid the k8s manifests check with runAsNonRoot and compose runs as
        for (Map<String, Object> deployment : Kustomize.ofKind(Kustomize.render("k8s/overlays/dev"), "Deployment")) {
            assertThat(String.valueOf((Object) at(deployment, "spec", "template", "spec", "securityContext", "runAsUser")))
                    .isEqualTo(user.split(":")[0]);
        }
        assertThat(RepoFiles.read("docker-compose.yml")).contains("user: \"" + user + "\"");

        List<String> flags = texts(configuration, "container", "jvmFlags");
        assertThat(flags).contains("-XX:+UseContainerSupport", "-XX:+ExitOnOutOfMemoryError")
                .anyMatch(f -> f.matches("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?"))
                .noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms"));
        // the Dockerfile's image starts the JVM with the same flags
        String entrypoint = RepoFiles.read("deploy/Dockerfile").lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        List<String> dockerFlags = java.util.Arrays.stream(entrypoint.replaceAll("^ENTRYPOINT \\[|]$", "").split(","))
                .map(f -> f.strip().replace("\"", "")).filter(f -> f.startsWith("-")).toList();
        assertThat(dockerFlags).as("deploy/Dockerfile ENTRYPOINT").containsExactlyElementsOf(flags);
        assertThat(text(configuration, "container", "environment", "QUOTA_MODULE")).isEqualTo("${project.artifactId}");
        assertThat(text(configuration, "container", "format")).isEqualTo("OCI");

        // the compose healthcheck's probe goes into the image, executable
        assertThat(text(configuration, "extraDirectories", "paths", "path", "from"))
                .isEqualTo("${maven.multiModuleProjectDirectory}/deploy/image");
        assertThat(text(configuration, "extraDirectories", "paths", "path", "into")).isEqualTo("/");
        assertThat(text(configuration, "extraDirectories", "permissions", "permission", "file")).isEqualTo("/usr/local/bin/http-probe");
        assertThat(text(configuration, "extraDirectories", "permissions", "permission", "mode")).isEqualTo("755");
        assertThat(Files.isExecutable(RepoFiles.path("deploy/image/usr/local/bin/http-probe"))).isTrue();
    }

    @Test
    void onlyTheImagesProfileBindsTheBuildSoTheDefaultBuildNeverPullsABaseImage() {
        Document parent = pom("");
        Element managed = jibIn(child(parent.getDocumentElement(), "build", "pluginManagement", "plugins"));
        assertThat(child(managed, "executions")).as("no execution outside the profile").isNull();
        assertThat(jibIn(child(parent.getDocumentElement(), "build", "plugins"))).as("not in the default build").isNull();

        Element images = profile(parent, "images");
        assertThat(images).isNotNull();
        assertThat(child(images, "activation")).as("never active by default").isNull();
        Element execution = child(jibIn(child(images, "build", "pluginManagement", "plugins")), "executions", "execution");
        assertThat(text(execution, "phase")).isEqualTo("${image.phase}");
        assertThat(property(images, "image.phase")).isEqualTo("package");
        assertThat(text(execution, "goals", "goal")).isEqualTo("build");

        for (String app : APPS) {
            Document pom = pom(app);
            assertThat(jibIn(child(pom.getDocumentElement(), "build", "plugins"))).as(app + ": jib outside the profile").isNull();
            Element appImages = profile(pom, "images");
            assertThat(appImages).as(app + " images profile").isNotNull();
            assertThat(child(appImages, "activation")).as(app).isNull();
        }
    }

    @Test
    void everyAppExposesItsOwnPortAndNamesItsMainClass() {
        for (String app : APPS) {
            Element jib = jibIn(child(profile(pom(app), "images"), "build", "plugins"));
            assertThat(jib).as(app).isNotNull();
            assertThat(texts(jib, "configuration", "container", "ports")).as(app + " ports")
                    .containsExactly(String.valueOf(AppSettings.of(app).port()));
            String mainClass = text(jib, "configuration", "container", "mainClass");
            String source = app + "/src/main/java/" + mainClass.replace('.', '/') + ".java";
            assertThat(RepoFiles.path(source)).as(app + " main class").exists();
            assertThat(RepoFiles.read(source)).contains("public static void main");
            // nothing else is overridden per app: base, user and flags stay the parent's
            assertThat(child(jib, "configuration", "from")).as(app).isNull();
            assertThat(child(jib, "configuration", "container", "user")).as(app).isNull();
            assertThat(child(jib, "configuration", "container", "jvmFlags")).as(app).isNull();
        }
    }
}
