package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.MailServer;
import jakarta.mail.internet.MimeMessage;

/** What every Gatehouse e-mail has (SPEC "Themes"): both parts, the shared footer, only resolved message keys. */
public final class Emails {

    private static final String FOOTER = "This message was sent by";

    private Emails() {}

    /** Asserts the message's HTML and plain-text parts, and returns it for further checks. */
    public static MimeMessage wellFormed(MimeMessage message) {
        String text = MailServer.text(message);
        String html = MailServer.html(message);
        assertThat(text).as("plain-text part").isNotBlank().contains(FOOTER).doesNotContain("gatehouse.");
        assertThat(html).as("HTML part").isNotBlank().contains(FOOTER).doesNotContain("gatehouse.");
        return message;
    }
}
