package dev.hearth.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports, all held open until every one is chosen so that they differ. */
final class Ports {
    private Ports() {}

    static void print(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                out.append(socket.getLocalPort()).append(i + 1 < count ? " " : "\n");
            }
            System.out.print(out);
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
