package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback whose outgoing connections leave from another loopback address
 * ({@code 127.x.y.z}), so that Keycloak sees that address as the client IP without trusting any
 * proxy header. {@code java.net.http} before JDK 19 cannot choose its local address; Linux routes
 * all of 127.0.0.0/8 to the loopback interface.
 */
public final class LoopbackRelay {

    private static final Map<String, LoopbackRelay> RELAYS = new ConcurrentHashMap<>();

    private final ServerSocket server;
    private final InetAddress source;
    private final int targetPort;

    private LoopbackRelay(String sourceIp, int targetPort) throws IOException {
        this.source = InetAddress.getByName(sourceIp);
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "relay-" + sourceIp);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The relay to {@code 127.0.0.1:targetPort} from {@code sourceIp}, started once. */
    static LoopbackRelay of(String sourceIp, int targetPort) {
        return RELAYS.computeIfAbsent(sourceIp + ">" + targetPort, key -> {
            try {
                return new LoopbackRelay(sourceIp, targetPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread relay = new Thread(() -> relay(client), "relay-connection");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket upstream = new Socket()) {
            upstream.bind(new InetSocketAddress(source, 0));
            upstream.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), targetPort), 5000);
            Thread back = new Thread(() -> pipe(upstream, client), "relay-back");
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
            back.join();
        } catch (IOException e) {
            // Either side hung up.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies {@code from} to {@code to} until {@code from} ends, then ends {@code to}'s output; quiet when either side closes. */
    public static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16384];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // Closed.
        }
    }
}
