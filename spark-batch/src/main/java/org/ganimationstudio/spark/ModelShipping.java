package org.ganimationstudio.spark;

import java.net.URI;
import java.nio.file.Path;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.service.ShippedModels;
import org.apache.spark.sql.SparkSession;

/**
 * Sends the model folders with the job ({@code SparkContext.addFile}), so executors need nothing
 * installed beside the application jar: each executor fetches a folder once and opens it from its own
 * disk. A local folder is checked on the driver first, so a missing or damaged model stops the job
 * before any photo is tried; a folder on a cluster file system (hdfs://, s3a://) is sent as it is.
 */
final class ModelShipping {

    private ModelShipping() {
    }

    /** Ships the settings' model folders; returns the settings naming them as executors find them. */
    static RenderSettings ship(SparkSession spark, RenderSettings s) throws InvalidModelException {
        String model = ship(spark, s.model(), true);
        String estimator;
        try {
            estimator = ship(spark, s.estimator(), false);
        } catch (InvalidModelException e) {
            // as in `batch`, only an edit that reads a face's own expression needs it: that photo says so
            estimator = null;
        }
        return new RenderSettings(s.faces(), s.stillFormat(), s.animate(), s.preset(), s.intensity(), s.aus(),
                s.ausJson(), s.ausName(), s.keyframes(), s.keyframesName(), s.from(), s.duration(), s.easing(), s.fps(), s.pingPong(), s.size(),
                s.faceOnly(), model, estimator, s.device(), s.colorGuard());
    }

    /** The folder's name under {@code SparkFiles}. */
    private static String ship(SparkSession spark, String folder, boolean generator) throws InvalidModelException {
        String uri;
        if (folder != null && isRemote(folder)) {
            uri = folder;
            checkRemote(spark, folder, generator);
        } else {
            Path local = folder == null ? null : Path.of(folder.startsWith("file:") ? URI.create(folder).getPath() : folder);
            Path dir = (generator ? ShippedModels.generator(local) : ShippedModels.estimator(local)).path();
            uri = dir.toAbsolutePath().normalize().toUri().toString();
        }
        spark.sparkContext().addFile(uri, true);
        String name = new org.apache.hadoop.fs.Path(uri).getName();
        return name;
    }

    /** Opens a copy on the driver: a missing or damaged model stops the job here, not in every photo's row. */
    private static void checkRemote(SparkSession spark, String folder, boolean generator) throws InvalidModelException {
        Path copy = null;
        try {
            copy = java.nio.file.Files.createTempDirectory("ganimation-model");
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(folder);
            var fs = remote.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(remote) || !fs.getFileStatus(remote).isDirectory()) {
                throw new InvalidModelException("the model folder " + folder + " does not exist or is not a folder");
            }
            org.apache.hadoop.fs.Path local = new org.apache.hadoop.fs.Path(copy.resolve(remote.getName()).toUri());
            fs.copyToLocalFile(false, remote, local, true);
            Path dir = copy.resolve(remote.getName());
            if (generator) {
                ShippedModels.generator(dir);
            } else {
                ShippedModels.estimator(dir);
            }
        } catch (java.io.IOException e) {
            throw new InvalidModelException("cannot read the model folder " + folder + ": " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                try (var files = java.nio.file.Files.walk(copy)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // a temporary copy of a few megabytes
                }
            }
        }
    }

    private static boolean isRemote(String folder) {
        int colon = folder.indexOf(':');
        return colon > 1 && !folder.startsWith("file:");
    }
}
