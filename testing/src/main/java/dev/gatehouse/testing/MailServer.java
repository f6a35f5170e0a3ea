package dev.gatehouse.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) that keeps every message Keycloak sends. */
public final class MailServer implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

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

    /** Waits until a recipient has at least {@code count} messages; returns them all. */
    public List<MimeMessage> awaitMessagesTo(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<MimeMessage> received = messagesTo(address);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            received = messagesTo(address);
        }
        if (received.size() < count) {
            throw new AssertionError(address + " received " + received.size() + " messages, expected " + count);
        }
        return received;
    }

    /** The plain-text part of a message, decoded, as a mail client shows it. */
    public static String text(MimeMessage message) {
        try {
            return text(message.getContent());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message", e);
        }
    }

    /** The HTML part of a message, decoded, or an empty string. */
    public static String html(MimeMessage message) {
        try {
            if (message.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType("text/html")) {
                        return part.getContent().toString();
                    }
                }
            }
            return "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message", e);
        }
    }

    /** The links of a message's plain-text part, in order. */
    public static List<String> links(MimeMessage message) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(text(message));
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
            }
            return multipart.getCount() > 0 ? text(multipart.getBodyPart(0).getContent()) : "";
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
