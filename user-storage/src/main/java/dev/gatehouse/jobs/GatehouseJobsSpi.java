package dev.gatehouse.jobs;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SPI of Gatehouse's scheduled jobs, so that they have a configuration scope of their own,
 * {@code --spi-gatehouse-jobs--default--<option>}, and one factory that schedules them all.
 */
public final class GatehouseJobsSpi implements Spi {

    public static final String NAME = "gatehouse-jobs";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return GatehouseJobs.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return GatehouseJobsFactory.class;
    }
}
