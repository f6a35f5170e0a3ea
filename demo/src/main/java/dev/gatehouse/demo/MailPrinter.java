package dev.gatehouse.demo;

import dev.gatehouse.testing.MailServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Prints every e-mail the SMTP catcher receives, links first, so that demo users can follow them. */
final class MailPrinter implements Runnable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final MailServer mail;
    private final PrintStream out;
    private int printed;

    MailPrinter(MailServer mail, PrintStream out) {
        this.mail = mail;
        this.out = out;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            List<MimeMessage> messages = mail.messages();
            for (; printed < messages.size(); printed++) {
                print(messages.get(printed));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void print(MimeMessage message) {
        try {
            String text = text(message.getContent());
            out.println();
            out.println("── e-mail ─────────────────────────────────────────────");
            out.println("To:      " + addresses(message.getAllRecipients()));
            out.println("Subject: " + message.getSubject());
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                out.println("Link:    " + links.group());
            }
            out.println();
            out.println(text.strip());
            out.println("───────────────────────────────────────────────────────");
        } catch (MessagingException | IOException e) {
            out.println("(an e-mail arrived that could not be read: " + e.getMessage() + ")");
        }
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

    private static String addresses(Address[] addresses) {
        return addresses == null
                ? ""
                : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }
}
