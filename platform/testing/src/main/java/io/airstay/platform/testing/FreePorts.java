package io.airstay.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loopback ports that are free at the moment of asking. Another process may still take one before the caller binds
 * it, but ports asked for together never coincide: each is held open until all are chosen, because the kernel hands
 * out a port it just released again.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int any() {
        return distinct(1)[0];
    }

    /** {@code count} free ports, different from each other and from {@code inUse}. */
    public static int[] distinct(int count, int... inUse) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int chosen = 0;
            while (chosen < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                if (Arrays.stream(inUse).noneMatch(port -> port == socket.getLocalPort())) {
                    ports[chosen++] = socket.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.forEach(FreePorts::close);
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port was only held to keep it from being chosen twice
        }
    }
}
