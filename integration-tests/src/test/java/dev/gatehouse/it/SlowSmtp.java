package dev.gatehouse.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.LoopbackRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server that is slow to answer: a relay in front of GreenMail that holds each connection
 * until {@link #release()} or for at most a delay (kept under the 10 s read timeout of Keycloak's
 * SMTP client), then passes it on. While it is in use, the realm's SMTP port points at it, so a
 * page that sent its e-mail in the request would take at least the delay; one that queues it
 * answers at once, and the e-mail reaches GreenMail once released.
 */
final class SlowSmtp implements AutoCloseable {

    private final GatehouseEnvironment env;
    private final ServerSocket server;
    private final Duration delay;
    private final String originalPort;
    private final CountDownLatch released = new CountDownLatch(1);

    private SlowSmtp(GatehouseEnvironment env, Duration delay) throws IOException {
        this.env = env;
        this.delay = delay;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.originalPort = smtp().get("port").asText();
        Thread acceptor = new Thread(this::accept, "slow-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        setPort(String.valueOf(server.getLocalPort()));
    }

    /** Points the realm's SMTP at a relay that waits {@code delay} before GreenMail answers. */
    static SlowSmtp start(GatehouseEnvironment env, Duration delay) {
        try {
            return new SlowSmtp(env, delay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread relay = new Thread(() -> relay(client), "slow-smtp-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket mail =
                        new Socket(InetAddress.getLoopbackAddress(), env.mail().port())) {
            released.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            Thread back = new Thread(() -> LoopbackRelay.pipe(mail, client));
            back.setDaemon(true);
            back.start();
            LoopbackRelay.pipe(client, mail);
            back.join(delay.toMillis() + 30_000);
        } catch (IOException e) {
            // The client or GreenMail hung up.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode smtp() {
        return (ObjectNode) env.admin().json("gatehouse").get("smtpServer");
    }

    private void setPort(String port) {
        ObjectNode smtp = smtp();
        smtp.put("port", port);
        ObjectNode update = smtp.objectNode();
        update.set("smtpServer", smtp);
        int status = env.admin().put("gatehouse", update.toString()).statusCode();
        if (status != 204) {
            throw new AssertionError("SMTP port not changed: " + status);
        }
    }

    /** Lets the connections held so far, and later ones, through to GreenMail. */
    void release() {
        released.countDown();
    }

    /** Points the realm back at GreenMail; relays already open finish. */
    @Override
    public void close() {
        release();
        setPort(originalPort);
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
