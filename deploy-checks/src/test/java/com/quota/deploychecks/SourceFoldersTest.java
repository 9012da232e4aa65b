package com.quota.deploychecks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No source folder is named like a build output: {@code **}{@code /target/} is skipped by image build contexts, IDEs,
 * code scanners and most ignore files, so sources under such a folder silently vanish from them (it once hid
 * target-service's sources from git).
 */
class SourceFoldersTest {

    @Test
    void noFolderUnderAnySrcIsNamedTargetOrBuild() throws IOException {
        List<Path> offending;
        try (Stream<Path> modules = Files.list(RepoFiles.ROOT)) {
            offending = modules.map(m -> m.resolve("src")).filter(Files::isDirectory).flatMap(SourceFoldersTest::folders)
                    .filter(p -> List.of("target", "build", "out").contains(p.getFileName().toString()))
                    .map(RepoFiles.ROOT::relativize).toList();
        }
        assertThat(offending).as("source folders named like build output").isEmpty();
    }

    private static Stream<Path> folders(Path src) {
        try (Stream<Path> walk = Files.walk(src)) {
            return walk.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
