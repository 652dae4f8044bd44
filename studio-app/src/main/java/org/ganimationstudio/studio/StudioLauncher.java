package org.ganimationstudio.studio;

import javafx.application.Application;

/** Starts the desktop studio (a plain main class: JavaFX refuses an Application subclass as the jar's entry point). */
public final class StudioLauncher {

    private StudioLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(StudioApp.class, args);
    }
}
