package org.ganimationstudio.cli;

import java.io.IOException;

/** Runs a system tool a test needs for its set-up (mount, chattr, …), which may be missing or refused. */
final class SystemCommand {

    private SystemCommand() {
    }

    /** Whether {@code command} ran and exited 0; its output is read and dropped. */
    static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
