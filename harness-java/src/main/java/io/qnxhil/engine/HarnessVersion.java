package io.qnxhil.engine;

/** The harness version from the jar manifest, or "dev" when run from classes. */
public final class HarnessVersion {
    private HarnessVersion() {
    }

    public static String get() {
        String v = HarnessVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
