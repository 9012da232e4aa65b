package com.quota.localstack;

import com.quota.localstack.apps.App;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a running stack wrote about itself in {@code <data folder>/stack.properties}: ports and process ids, so that
 * {@code status} shows the ports actually used and {@code stop} can clean up after a runner that was killed.
 */
public final class StackState {

    public static final String FILE_NAME = "stack.properties";

    private final Path file;
    private final Properties values = new Properties();

    private StackState(Path file) {
        this.file = file;
    }

    /** A fresh, empty state for a stack about to start (written on each change). */
    public static StackState create(Path baseDir) {
        return new StackState(baseDir.resolve(FILE_NAME));
    }

    /** The state a stack left in the folder, if any. */
    public static Optional<StackState> read(Path baseDir) {
        Path file = baseDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        StackState state = new StackState(file);
        try (Reader in = Files.newBufferedReader(file)) {
            state.values.load(in);
            return Optional.of(state);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public synchronized StackState put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        save();
        return this;
    }

    public synchronized StackState remove(String key) {
        values.remove(key);
        save();
        return this;
    }

    public synchronized OptionalLong pid(String component) {
        return Optional.ofNullable(values.getProperty(component + ".pid")).map(Long::parseLong)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public synchronized OptionalInt port(String component) {
        return Optional.ofNullable(values.getProperty(component + ".port")).map(Integer::parseInt)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    /** Component keys: {@code postgres}, {@code kafka}, {@code kafka-controller}, and each app's module name. */
    public static String key(App app) {
        return app.module();
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                values.store(out, "written by the Quota local stack; read by ./quota status and ./quota stop");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
