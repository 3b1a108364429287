package dev.airfoil.cli;

import picocli.CommandLine;

/** Prints the library version (from the jar manifest, or "development" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = AirfoilCommand.class.getPackage().getImplementationVersion();
        return new String[] {"airfoil " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
