package dev.gatehouse.demo;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.KeycloakSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./demo.sh}: the account store with SPEC's demo accounts, an SMTP catcher that prints what
 * it receives, and Keycloak with the bundle and both realms, started the way the integration
 * tests start them. Runs until Ctrl-C or SIGTERM, then stops everything it started.
 */
public final class Demo {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Properties layout = layout();
        int port = Integer.parseInt(System.getenv().getOrDefault("GATEHOUSE_PORT", "8080"));
        GatehouseEnvironment.Options options = new GatehouseEnvironment.Options(
                Path.of(layout.getProperty("gatehouse.work")),
                Path.of(layout.getProperty("keycloak.home")),
                Path.of(layout.getProperty("gatehouse.bundle")),
                "distribution",
                layout.getProperty("keycloak.version"),
                port,
                KeycloakSetup.RealmImport.AT_START);

        OUT.println("Starting PostgreSQL (Keycloak and the account store), SMTP and Keycloak on port " + port + " ...");
        GatehouseEnvironment env = GatehouseEnvironment.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread mailPrinter = new Thread(new MailPrinter(env.mail(), OUT), "gatehouse-demo-mail");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            OUT.println("Stopping Gatehouse demo ...");
                            mailPrinter.interrupt();
                            env.close();
                            OUT.println("Stopped.");
                            stopped.countDown();
                        },
                        "gatehouse-demo-stop"));

        DemoAccounts.seed(env.store());
        DemoAccounts.seedSecondFactors(env.admin());
        printBanner(env);
        mailPrinter.setDaemon(true);
        mailPrinter.start();
        stopped.await();
    }

    private static void printBanner(GatehouseEnvironment env) {
        String base = env.baseUrl();
        OUT.println();
        OUT.println("Gatehouse demo ready");
        OUT.println();
        OUT.println("  Login (demo-app):  " + base
                + "/realms/gatehouse/protocol/openid-connect/auth?client_id=demo-app&response_type=code&scope=openid"
                + "&redirect_uri=http://localhost:3000/cb");
        OUT.println("  Account console:   " + base + "/realms/gatehouse/account");
        OUT.println("  Admin console:     " + base + "/admin/master/console/#/gatehouse   (admin / admin)");
        OUT.println("  Central IdP realm: " + base + "/realms/console   (user unified / unified-pass)");
        OUT.println(
                "  Direct grant:      curl -d grant_type=password -d client_id=demo-api -d client_secret=demo-api-secret"
                        + " -d username=legacy -d password=legacy-pass " + base
                        + "/realms/gatehouse/protocol/openid-connect/token");
        OUT.println("  SMTP catcher:      localhost:" + env.mail().port() + "   (every e-mail is printed below)");
        OUT.println("  Account store:     " + env.store().jdbcUrl() + "   (postgres / postgres)");
        OUT.println();
        OUT.println("  Second factor:     secure's TOTP codes: oathtool --totp -b " + DemoAccounts.TOTP_KEY_BASE32
                + "   (or add the key to an authenticator app); enroll sets up its own at login");
        OUT.println();
        OUT.printf("  %-20s %-24s %-24s %s%n", "username", "email", "password", "state");
        for (DemoAccounts.Row row : DemoAccounts.TABLE) {
            OUT.printf("  %-20s %-24s %-24s %s%n", row.username(), row.email(), row.password(), row.state());
        }
        OUT.println();
        OUT.println("Press Ctrl-C to stop.");
    }

    private static Properties layout() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Demo.class.getResourceAsStream("/gatehouse-demo.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
