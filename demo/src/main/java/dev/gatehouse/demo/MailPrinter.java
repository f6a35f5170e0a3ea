package dev.gatehouse.demo;

import dev.gatehouse.testing.MailServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Prints every e-mail the SMTP catcher receives, links first, so that demo users can follow them. */
final class MailPrinter implements Runnable {

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
            out.println();
            out.println("── e-mail ─────────────────────────────────────────────");
            out.println("To:      " + addresses(message.getAllRecipients()));
            out.println("Subject: " + message.getSubject());
            MailServer.links(message).forEach(link -> out.println("Link:    " + link));
            out.println();
            out.println(MailServer.text(message).strip());
            out.println("───────────────────────────────────────────────────────");
        } catch (MessagingException | IllegalStateException e) {
            out.println("(an e-mail arrived that could not be read: " + e.getMessage() + ")");
        }
    }

    private static String addresses(Address[] addresses) {
        return addresses == null
                ? ""
                : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }
}
