package dev.gatehouse.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the {@link GatehouseEnvironment}: started once per test run, on first
 * use, shared by every IT class, stopped when the run ends. Each test arranges its own accounts.
 */
public final class GatehouseExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GatehouseEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(GatehouseExtension.class))
                .getOrComputeIfAbsent(
                        SharedEnvironment.class,
                        type -> new SharedEnvironment(
                                GatehouseEnvironment.start(GatehouseEnvironment.Options.fromSystemProperties())),
                        SharedEnvironment.class)
                .environment();
    }

    /** Closed by JUnit when the root context (the whole run) ends. */
    private record SharedEnvironment(GatehouseEnvironment environment)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            environment.close();
        }
    }
}
