package io.airstay.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ListenersTest {

    @Test
    void readsTheKernelsAddresses() {
        assertEquals("127.0.0.1", Listeners.address("0100007F"));
        assertEquals("0.0.0.0", Listeners.address("00000000"));
        // a dual-stack socket bound to an IPv4 address
        assertEquals("127.0.0.1", Listeners.address("0000000000000000FFFF00000100007F"));
        assertEquals("::", Listeners.address("00000000000000000000000000000000"));
        assertEquals("::1", Listeners.address("00000000000000000000000001000000"));
    }

    @Test
    void findsTheSocketsOfAPortAndOfAProcess() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerSocket everywhere = new ServerSocket(0, 1)) {
            assertEquals(Set.of("127.0.0.1:" + loopback.getLocalPort()), Listeners.onPort(loopback.getLocalPort()));
            Set<String> mine = Listeners.ofProcess(ProcessHandle.current().pid());
            assertTrue(mine.contains("127.0.0.1:" + loopback.getLocalPort()), mine.toString());
            // Java's wildcard socket is IPv6's, which also takes IPv4 (or IPv4's, without IPv6)
            Set<String> wildcard = Listeners.onPort(everywhere.getLocalPort());
            assertTrue(wildcard.equals(Set.of("[::]:" + everywhere.getLocalPort()))
                    || wildcard.equals(Set.of("0.0.0.0:" + everywhere.getLocalPort())), wildcard.toString());
        }
    }

    @Test
    void theBindAddressIsTheLoopbackUnlessToldOtherwise() {
        assertEquals("127.0.0.1", BindAddress.of(null));
        assertEquals("127.0.0.1", BindAddress.of(" "));
        assertEquals("192.0.2.7", BindAddress.of("192.0.2.7"));
        assertEquals("127.0.0.1", BindAddress.connect("0.0.0.0"));
        assertEquals("192.0.2.7", BindAddress.connect("192.0.2.7"));
        assertEquals("127.0.0.1,192.0.2.7", EmbeddedServers.postgresListenAddresses("192.0.2.7"));
        assertEquals("127.0.0.1", EmbeddedServers.postgresListenAddresses("127.0.0.1"));
    }
}
