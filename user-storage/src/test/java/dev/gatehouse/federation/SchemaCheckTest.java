package dev.gatehouse.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The schema version the JAR expects")
class SchemaCheckTest {

    private static final Pattern MIGRATION = Pattern.compile("^V(\\d+)__.*\\.(sql|java)$");

    @Test
    @DisplayName("is the highest migration that ships (SQL and Java)")
    void expected() throws IOException {
        int highest = 0;
        for (Path dir :
                new Path[] {Path.of("src/main/resources/db/gatehouse"), Path.of("src/main/java/db/gatehouse")}) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Matcher matcher = MIGRATION.matcher(file.getFileName().toString());
                    if (matcher.matches()) {
                        highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
                    }
                }
            }
        }
        assertThat(SchemaCheck.EXPECTED).isEqualTo(highest);
    }

    @Test
    @DisplayName("an older schema is reported with what to do")
    void verdicts() {
        assertThat(SchemaCheck.verdict(SchemaCheck.EXPECTED)).isEqualTo("current");
        assertThat(SchemaCheck.verdict(SchemaCheck.EXPECTED - 1))
                .startsWith("OLDER")
                .contains("run the migrations");
        assertThat(SchemaCheck.verdict(SchemaCheck.EXPECTED + 1)).startsWith("newer");
    }
}
