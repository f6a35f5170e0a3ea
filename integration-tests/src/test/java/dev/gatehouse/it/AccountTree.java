package dev.gatehouse.it;

import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.GatehouseEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Store accounts arranged for one test, by short names under a unique prefix: {@code add("a",
 * "parent", email)} creates {@code <prefix>-a}, a sub-user of {@code <prefix>-parent}, with the
 * tree's password. Reads the rows back ({@link #row}, {@link #status}) so that tests assert store
 * state without SQL of their own.
 */
final class AccountTree {

    private final GatehouseEnvironment env;
    private final String prefix;
    private final String password;
    private final Map<String, UUID> ids = new LinkedHashMap<>();

    private AccountTree(GatehouseEnvironment env, String prefix, String password) {
        this.env = env;
        this.prefix = prefix;
        this.password = password;
    }

    /** An empty tree whose usernames start with a fresh {@link Names#unique(String)} of {@code label}. */
    static AccountTree of(GatehouseEnvironment env, String label, String password) {
        return new AccountTree(env, Names.unique(label), password);
    }

    /**
     * parent → a → b → c, plus parent → sibling; parent and a share the address {@code
     * <prefix>@it.test}, b and c have their own, the sibling none.
     */
    static AccountTree family(GatehouseEnvironment env, String label, String password) {
        AccountTree tree = of(env, label, password);
        String shared = tree.prefix + "@it.test";
        return tree.add("parent", null, shared)
                .add("a", "parent", shared)
                .add("b", "a", tree.prefix + "-b@it.test")
                .add("c", "b", tree.prefix + "-c@it.test")
                .add("sibling", "parent", null);
    }

    /** Adds {@code <prefix>-<name>}, a sub-user of {@code parent} (a name of this tree) or top-level when null. */
    AccountTree add(String name, String parent, String email) {
        ids.put(
                name,
                env.store()
                        .account(username(name))
                        .email(email)
                        .password(password)
                        .parent(parent == null ? null : id(parent))
                        .create());
        return this;
    }

    /** Adds {@code <prefix>-<name>} with its own address, {@link #address(String)}. */
    AccountTree addWithAddress(String name, String parent) {
        return add(name, parent, address(name));
    }

    /** {@code <prefix>-<name>@it.test}. */
    String address(String name) {
        return username(name) + "@it.test";
    }

    String prefix() {
        return prefix;
    }

    String username(String name) {
        return prefix + "-" + name;
    }

    UUID id(String name) {
        UUID id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no account '" + name + "' in " + ids.keySet());
        }
        return id;
    }

    List<String> names() {
        return List.copyOf(ids.keySet());
    }

    AccountStore.AccountRow row(String name) {
        return env.store().row(id(name)).orElseThrow(() -> new AssertionError("no row of " + username(name)));
    }

    String status(String name) {
        return row(name).status();
    }
}
