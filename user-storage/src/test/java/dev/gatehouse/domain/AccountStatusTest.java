package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("AccountStatus")
class AccountStatusTest {

    @Nested
    @DisplayName("worst()")
    class Worst {

        @ParameterizedTest(name = "{0} and {1} -> {2}")
        @CsvSource({
            "ACTIVE,     ACTIVE,     ACTIVE",
            "ACTIVE,     TERMINATED, TERMINATED",
            "ACTIVE,     BANNED,     BANNED",
            "TERMINATED, ACTIVE,     TERMINATED",
            "TERMINATED, TERMINATED, TERMINATED",
            "TERMINATED, BANNED,     BANNED",
            "BANNED,     ACTIVE,     BANNED",
            "BANNED,     TERMINATED, BANNED",
            "BANNED,     BANNED,     BANNED"
        })
        @DisplayName("is banned over terminated over active, for every pair")
        void ranksEveryPair(AccountStatus own, AccountStatus other, AccountStatus expected) {
            // when
            AccountStatus worst = own.worst(other);

            // then
            assertThat(worst).isEqualTo(expected);
        }

        @Test
        @DisplayName("is commutative and idempotent over all statuses")
        void isCommutativeAndIdempotent() {
            for (AccountStatus a : AccountStatus.values()) {
                assertThat(a.worst(a)).isEqualTo(a);
                for (AccountStatus b : AccountStatus.values()) {
                    assertThat(a.worst(b)).as("%s vs %s", a, b).isEqualTo(b.worst(a));
                    assertThat(a.worst(b)).as("%s vs %s", a, b).isIn(a, b);
                }
            }
        }

        @Test
        @DisplayName("of an ancestor chain folds to its most severe status")
        void foldsAChain() {
            // given: own status, parent, grandparent
            AccountStatus[] chain = {AccountStatus.ACTIVE, AccountStatus.BANNED, AccountStatus.TERMINATED};

            // when
            AccountStatus effective = Arrays.stream(chain).reduce(AccountStatus.ACTIVE, AccountStatus::worst);

            // then
            assertThat(effective).isEqualTo(AccountStatus.BANNED);
        }
    }

    @Nested
    @DisplayName("database values")
    class DatabaseValues {

        @Test
        @DisplayName("are the lower-case names")
        void areLowerCaseNames() {
            assertThat(AccountStatus.ACTIVE.dbValue()).isEqualTo("active");
            assertThat(AccountStatus.TERMINATED.dbValue()).isEqualTo("terminated");
            assertThat(AccountStatus.BANNED.dbValue()).isEqualTo("banned");
        }

        @ParameterizedTest
        @EnumSource(AccountStatus.class)
        @DisplayName("round-trip through fromDb()")
        void roundTrip(AccountStatus status) {
            assertThat(AccountStatus.fromDb(status.dbValue())).isEqualTo(status);
        }

        @Test
        @DisplayName("are exactly the values the schema's status constraint allows")
        void matchTheSchemaConstraint() throws IOException {
            // given
            String schema;
            try (InputStream in = getClass().getResourceAsStream("/db/gatehouse/V1__account_store.sql")) {
                assertThat(in).as("migration V1 on the class path").isNotNull();
                schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher constraint =
                    Pattern.compile("CHECK \\(status IN \\(([^)]*)\\)\\)").matcher(schema);
            assertThat(constraint.find()).as("account_status_known constraint").isTrue();

            // when
            String allowed = constraint.group(1);

            // then
            assertThat(allowed.split("\\s*,\\s*"))
                    .containsExactlyInAnyOrder(Arrays.stream(AccountStatus.values())
                            .map(status -> "'" + status.dbValue() + "'")
                            .toArray(String[]::new));
        }

        @Test
        @DisplayName("fromDb() rejects an unknown value")
        void rejectsUnknownValues() {
            assertThatThrownBy(() -> AccountStatus.fromDb("suspended")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("severity")
    class Severity {

        private final Pattern whenThen = Pattern.compile("WHEN '([a-z_]+)' THEN (\\d+)");
        private final Pattern elseBranch = Pattern.compile("ELSE (\\d+) END");

        private Map<String, Integer> caseMapping(String sql) {
            Matcher matcher = whenThen.matcher(sql);
            Map<String, Integer> mapping = new LinkedHashMap<>();
            while (matcher.find()) {
                mapping.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
            return mapping;
        }

        @Test
        @DisplayName("severitySql() ranks banned 2, terminated 1 and anything else 0, on the given column")
        void severitySqlMapping() {
            // when
            String sql = AccountStatus.severitySql("p.status");

            // then
            assertThat(sql).startsWith("CASE p.status ");
            assertThat(caseMapping(sql)).containsExactlyInAnyOrderEntriesOf(Map.of("banned", 2, "terminated", 1));
            Matcher otherwise = elseBranch.matcher(sql);
            assertThat(otherwise.find()).isTrue();
            assertThat(otherwise.group(1)).isEqualTo("0");
        }

        @Test
        @DisplayName("fromSeverity() reads back every rank severitySql() gives, in the enum's order")
        void fromSeverityIsConsistentWithSeveritySql() {
            // given
            Map<String, Integer> mapping = caseMapping(AccountStatus.severitySql("status"));
            Matcher otherwise = elseBranch.matcher(AccountStatus.severitySql("status"));
            assertThat(otherwise.find()).isTrue();
            int elseRank = Integer.parseInt(otherwise.group(1));

            // when
            Map<AccountStatus, AccountStatus> readBack = Arrays.stream(AccountStatus.values())
                    .collect(Collectors.toMap(
                            status -> status,
                            status -> AccountStatus.fromSeverity(mapping.getOrDefault(status.dbValue(), elseRank))));

            // then
            readBack.forEach(
                    (status, back) -> assertThat(back).as("rank of %s", status).isEqualTo(status));
            assertThat(AccountStatus.fromSeverity(0)).isEqualTo(AccountStatus.ACTIVE);
            assertThat(AccountStatus.fromSeverity(1)).isEqualTo(AccountStatus.TERMINATED);
            assertThat(AccountStatus.fromSeverity(2)).isEqualTo(AccountStatus.BANNED);
        }

        @Test
        @DisplayName("the worst of two statuses has the higher rank, so SQL max() agrees with worst()")
        void maxOfRanksIsWorst() {
            // given
            Map<String, Integer> mapping = caseMapping(AccountStatus.severitySql("status"));

            for (AccountStatus a : AccountStatus.values()) {
                for (AccountStatus b : AccountStatus.values()) {
                    // when
                    int max = Math.max(mapping.getOrDefault(a.dbValue(), 0), mapping.getOrDefault(b.dbValue(), 0));

                    // then
                    assertThat(AccountStatus.fromSeverity(max))
                            .as("%s vs %s", a, b)
                            .isEqualTo(a.worst(b));
                }
            }
        }
    }
}
