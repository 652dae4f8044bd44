package org.ganimationstudio.model;

/** What a model directory holds: the name in model.json's {@code kind} and the key of its network file. */
public enum ModelKind {
    EXPRESSION_GENERATOR("expression-generator", "generator", "an expression generator"),
    AU_ESTIMATOR("au-estimator", "estimator", "an AU estimator");

    private final String id;
    private final String fileKey;
    private final String description;

    ModelKind(String id, String fileKey, String description) {
        this.id = id;
        this.fileKey = fileKey;
        this.description = description;
    }

    /** The value of model.json's {@code kind}. */
    public String id() {
        return id;
    }

    /** The key under model.json's {@code files} that names the TorchScript network. */
    public String fileKey() {
        return fileKey;
    }

    public String description() {
        return description;
    }
}
