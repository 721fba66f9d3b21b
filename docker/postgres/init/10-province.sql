-- Runs once, on a fresh data volume: the database of the `province` service (compose profile `simulator`), which
-- stands in for the provincial platform. The hubs' own database `zoning` is created by the image (POSTGRES_DB).
CREATE DATABASE province OWNER zoning;
