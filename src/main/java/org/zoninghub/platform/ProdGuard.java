package org.zoninghub.platform;

/** What the {@code prod} profile insists on before it starts. */
final class ProdGuard {

    /** The shortest administrator password the {@code prod} profile accepts. */
    static final int MIN_PASSWORD = 12;

    static final String PASSWORD_REQUIRED = "the prod profile needs an administrator password of at least "
            + MIN_PASSWORD + " characters: set ZONING_SECURITY_ADMIN_PASSWORD (zoning.security.admin.password)."
            + " The hub does not start without one and never generates one in production.";

    private ProdGuard() {}
}
