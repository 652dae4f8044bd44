package org.ganimationstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceLandmarks;
import org.ganimationstudio.model.ActionUnit;
import org.ganimationstudio.model.ActionUnits;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.PhotoFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "aus", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read the current Action Unit intensities (0-1) of each face in a photo with the AU estimator."},
        footer = {"", "Examples:",
                "  ganimation aus photo.jpg",
                "  ganimation aus photo.jpg --json > aus.json"})
final class AusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PHOTO", description = "The photo.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    Path input;

    @Option(names = "--json", description = "Print JSON (one object per face) instead of a table.")
    boolean json;

    @Mixin
    FaceOptions faceOptions = new FaceOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PhotoFaces faces = faceOptions.load(input, spec);
        List<AuVector> aus;
        try (AuEstimator estimator = modelOptions.openEstimator()) {
            aus = estimator.estimateAll(faces.inputs(estimator.inputSize()));
        }
        var out = spec.commandLine().getOut();
        List<ActionUnit> units = ActionUnits.standard().all();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < aus.size(); i++) {
                DetectedFace f = faces.faces().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("face", f.id());
                m.put("box", List.of(Math.round(f.x()), Math.round(f.y()), Math.round(f.size()), Math.round(f.size())));
                m.put("roll", Math.round(f.rollDegrees() * 10) / 10.0);
                m.put("confidence", Math.round(f.confidence() * 1000) / 1000.0);
                if (f.landmarks() != null) {
                    List<List<Double>> points = new ArrayList<>();
                    for (int k = 0; k < FaceLandmarks.COUNT; k++) {
                        points.add(List.of(Math.round(f.landmarks().x(k) * 10) / 10.0,
                                Math.round(f.landmarks().y(k) * 10) / 10.0));
                    }
                    m.put("landmarks", points);
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (ActionUnit au : units) {
                    values.put(au.code(), Math.round(aus.get(i).get(au.index()) * 1000) / 1000.0);
                }
                m.put("aus", values);
                list.add(m);
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
            return 0;
        }
        out.printf("%-6s %-24s", "AU", "name");
        for (DetectedFace f : faces.faces()) {
            out.printf(" %8s", f.id());
        }
        out.println();
        for (ActionUnit au : units) {
            out.printf("%-6s %-24s", au.code(), au.name());
            for (AuVector v : aus) {
                out.printf(" %8.2f", v.get(au.index()));
            }
            out.println();
        }
        return 0;
    }
}
