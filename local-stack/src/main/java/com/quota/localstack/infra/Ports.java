package com.quota.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds out whether local TCP ports are taken, before anything is started. */
public final class Ports {

    private static final int CONNECT_TIMEOUT_MILLIS = 300;

    private Ports() {
    }

    /** Whether something listens on the port (on any local address) or the port cannot be bound. */
    public static boolean isInUse(int port) {
        if (answers(InetAddress.getLoopbackAddress(), port)) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether a TCP connection to localhost:port is accepted (the port is open). */
    public static boolean isOpen(int port) {
        return answers(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * One line per problem: a port used twice in the configuration, or a port another process holds. Keys are what
     * the port is for, e.g. {@code "gateway (GATEWAY_PORT)"}; empty when every port is free.
     */
    public static List<String> conflicts(Map<String, Integer> portsByOwner) {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        portsByOwner.forEach((owner, port) -> {
            String first = seen.putIfAbsent(port, owner);
            if (first != null) {
                problems.add("port " + port + " is configured for both " + first + " and " + owner);
            } else if (isInUse(port)) {
                problems.add("port " + port + " for " + owner + " is already in use by another process");
            }
        });
        return problems;
    }

    /** {@code count} distinct ports that are free right now. */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a probe socket; nothing to do
        }
    }
}
