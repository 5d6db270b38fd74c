package io.airstay.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP sockets listening on this machine, as the kernel reports them (Linux: {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}; a process's sockets from {@code /proc/<pid>/fd}), written {@code address:port}
 * ({@code 127.0.0.1:5432}, {@code 0.0.0.0:6379}, {@code [::]:9092}). IPv4 addresses that a dual-stack socket
 * holds as IPv6 ({@code ::ffff:127.0.0.1}) are written as IPv4. For tests that check what a server binds.
 */
public final class Listeners {

    private static final String LISTEN = "0A";

    private record Socket(String address, int port, String inode) {
        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private Listeners() {
    }

    /** Every listening socket on {@code port}. */
    public static Set<String> onPort(int port) {
        Set<String> found = new TreeSet<>();
        all().stream().filter(s -> s.port() == port).forEach(s -> found.add(s.toString()));
        return found;
    }

    /** Every socket process {@code pid} listens on (an empty set when the process is gone). */
    public static Set<String> ofProcess(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            });
        } catch (NoSuchFileException gone) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> found = new TreeSet<>();
        all().stream().filter(s -> inodes.contains(s.inode())).forEach(s -> found.add(s.toString()));
        return found;
    }

    private static List<Socket> all() {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (NoSuchFileException noIpv6) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(LISTEN)) {
                    String[] local = fields[1].split(":");
                    sockets.add(new Socket(address(local[0]), Integer.parseInt(local[1], 16), fields[9]));
                }
            }
        }
        return sockets;
    }

    /** The kernel's hex address: 32-bit words in host (little-endian) byte order. */
    static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        if (bytes.length == 4) {
            return ipv4(bytes, 0);
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[i] == 0;
        }
        if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
            return ipv4(bytes, 12);
        }
        StringBuilder ipv6 = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            ipv6.append(i == 0 ? "" : ":").append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff));
        }
        return ipv6.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
    }

    private static String ipv4(byte[] bytes, int from) {
        return (bytes[from] & 0xff) + "." + (bytes[from + 1] & 0xff) + "." + (bytes[from + 2] & 0xff) + "." + (bytes[from + 3] & 0xff);
    }
}
