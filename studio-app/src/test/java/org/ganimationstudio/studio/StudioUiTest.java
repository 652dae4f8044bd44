package org.ganimationstudio.studio;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** A real studio window per test (headless on Monocle in CI) on the fixture model, with throwaway settings. */
@ExtendWith(ApplicationExtension.class)
abstract class StudioUiTest {

    final StudioFixture fixture = new StudioFixture();
    StudioWindow window;

    /** Call from the subclass's {@code @Start} method (TestFX looks for it on the test class itself). */
    void show(Stage stage) throws Exception {
        window = fixture.window();
        stage.setScene(new Scene(window.root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        fixture.forget();
    }
}
