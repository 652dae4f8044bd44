package org.ganimationstudio.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.ganimationstudio.service.BatchRun;

/**
 * Which photos a job renders and the output each one gets, named exactly as {@code ganimation batch}
 * names them ({@link BatchRun#outputName}): a folder's photos keep their names and sub-folders; a list's
 * photos all go to the top of the output folder. Runs on the driver and reads only file names.
 */
final class PhotoPlanner {

    /** A photo and its output (full paths); {@code problem} is set when no output name could be given. */
    record Planned(String photo, String output, String problem) {
    }

    private final Configuration conf;

    PhotoPlanner(Configuration conf) {
        this.conf = conf;
    }

    /** The photos of {@code folder} (its sub-folders too when {@code recursive}), in name order. */
    List<Planned> folder(Path folder, boolean recursive, Path output, Function<String, String> extension)
            throws IOException {
        FileSystem fs = folder.getFileSystem(conf);
        Path in = fs.makeQualified(folder);
        if (!fs.exists(in) || !fs.getFileStatus(in).isDirectory()) {
            throw new IllegalArgumentException("the input folder " + folder + " does not exist or is not a folder");
        }
        Path out = qualified(output);
        refuseInside(out, in, "input folder");
        List<String[]> found = new ArrayList<>(); // relative folder, file name, full path
        String root = in.toUri().getPath();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(in, recursive);
        while (files.hasNext()) {
            FileStatus f = files.next();
            if (!f.isFile() || !BatchRun.isPhotoName(f.getPath().getName())) {
                continue;
            }
            String parent = f.getPath().getParent().toUri().getPath();
            String rel = parent.length() <= root.length() ? "" : parent.substring(root.length()).replaceFirst("^/", "");
            found.add(new String[] {rel, f.getPath().getName(), f.getPath().toString()});
        }
        // the batch's order: by path relative to the input folder
        found.sort(Comparator.comparing(f -> f[0].isEmpty() ? f[1] : f[0] + "/" + f[1]));
        List<Planned> plan = new ArrayList<>(found.size());
        Map<String, Set<String>> taken = new HashMap<>();
        for (String[] f : found) {
            Path dir = f[0].isEmpty() ? out : new Path(out, f[0]);
            plan.add(named(f[2], f[1], dir, taken.computeIfAbsent(f[0], k -> new java.util.HashSet<>()),
                    extension));
        }
        return plan;
    }

    /** The photos named in {@code listFile}, one path a line (blank lines and lines starting with # left out). */
    List<Planned> list(Path listFile, Path output, Function<String, String> extension) throws IOException {
        FileSystem listFs = listFile.getFileSystem(conf);
        if (!listFs.exists(listFile) || !listFs.getFileStatus(listFile).isFile()) {
            throw new IllegalArgumentException("the list of photos " + listFile + " does not exist or is not a file");
        }
        Path out = qualified(output);
        Set<String> photos = new LinkedHashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(listFs.open(listFile), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    photos.add(qualified(new Path(t)).toString());
                }
            }
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String p : photos) {
            folders.add(new Path(p).getParent().toString());
        }
        for (String f : folders) {
            refuseInside(out, new Path(f), "folder of listed photos");
        }
        List<String> sorted = new ArrayList<>(photos);
        sorted.sort(Comparator.naturalOrder());
        List<Planned> plan = new ArrayList<>(sorted.size());
        Set<String> taken = new java.util.HashSet<>();
        for (String p : sorted) {
            plan.add(named(p, new Path(p).getName(), out, taken, extension));
        }
        return plan;
    }

    private static Planned named(String photo, String name, Path dir, Set<String> taken,
                                 Function<String, String> extension) {
        int before = taken.size();
        String outName = BatchRun.outputName(name, extension.apply(name), taken);
        String output;
        try {
            output = new Path(dir, outName).toString();
        } catch (IllegalArgumentException e) {
            return new Planned(photo, null, "no output can be named after " + name + ": " + e.getMessage());
        }
        if (taken.size() == before) {
            return new Planned(photo, output, "another photo of the job has the same output name " + outName);
        }
        return new Planned(photo, output, null);
    }

    private Path qualified(Path p) throws IOException {
        return p.getFileSystem(conf).makeQualified(p);
    }

    /** file:/a and file:///a/ are one folder. */
    private static String comparable(Path p) {
        java.net.URI u = p.toUri();
        return u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority())
                + u.getPath().replaceFirst("/+$", "");
    }

    /** A job never writes into its input: refuses an output folder that is {@code input} or inside it. */
    private static void refuseInside(Path output, Path input, String what) {
        String o = comparable(output);
        String i = comparable(input);
        if (o.equals(i) || o.startsWith(i + "/")) {
            throw new IllegalArgumentException("the output folder " + output + " is inside the " + what + " " + input
                    + ": a batch never writes into its input; choose another folder");
        }
    }
}
