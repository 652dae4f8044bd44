package org.ganimationstudio.cli;

import picocli.CommandLine.IVersionProvider;

/** Versions of the tool and of the runtime it runs on. */
final class VersionInfo implements IVersionProvider {

    static String toolVersion() {
        String v = GanimationCli.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ganimation " + toolVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
