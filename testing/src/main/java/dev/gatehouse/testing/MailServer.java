package dev.gatehouse.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** A real SMTP server (GreenMail) that keeps every message Keycloak sends. */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;

    private MailServer(int port) {
        this.port = port;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public static MailServer start(int port) {
        MailServer server = new MailServer(port);
        server.greenMail.start();
        return server;
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> messages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Messages addressed to one recipient, oldest first. */
    public List<MimeMessage> messagesTo(String address) {
        return List.of(greenMail.getReceivedMessagesForDomain(address));
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
