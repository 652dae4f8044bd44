package org.ganimationstudio.studio;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status line, and the long job in progress with its ETA and a Cancel button. Bound to the {@link StudioModel}. */
final class StatusBar extends HBox {

    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label jobText = new Label();
    private final Button cancel = new Button("Cancel");

    StatusBar(StudioModel model) {
        super(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        progress.setId("job-progress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(model.jobProgressProperty());
        jobText.setId("job-text");
        jobText.textProperty().bind(model.jobTextProperty());
        cancel.setId("job-cancel");
        cancel.setOnAction(e -> model.cancelJob());
        var running = model.jobProgressProperty().greaterThanOrEqualTo(0);
        for (var n : java.util.List.of(progress, jobText, cancel)) {
            n.visibleProperty().bind(running);
            n.managedProperty().bind(running);
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(status, gap, jobText, progress, cancel);
    }

    Label status() {
        return status;
    }
}
