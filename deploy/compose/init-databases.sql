-- Runs once, when the postgres volume is first initialised (docker-entrypoint-initdb.d).
-- POSTGRES_DB already created "keycloak"; this adds the Gatehouse account store.
-- Its schema comes from the "migrate" service (Flyway), not from here.
CREATE DATABASE accounts;
