package dev.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with JPA's numbered parameters ({@code ?1}, which may repeat), made ready
 * for JDBC once: {@code sql} has a plain {@code ?} for each, and {@code binds} says which value
 * each takes, in order. The store's hot reads (account lookups, the API-key check) go over plain
 * JDBC with it.
 */
record Lookup(String sql, int[] binds) {

    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

    static Lookup of(String numbered) {
        List<Integer> order = new ArrayList<>();
        Matcher parameter = PARAMETER.matcher(numbered);
        StringBuilder sql = new StringBuilder();
        while (parameter.find()) {
            order.add(Integer.parseInt(parameter.group(1)) - 1);
            parameter.appendReplacement(sql, "?");
        }
        parameter.appendTail(sql);
        return new Lookup(
                sql.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    PreparedStatement prepare(Connection connection, List<Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, values.get(binds[i]));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
