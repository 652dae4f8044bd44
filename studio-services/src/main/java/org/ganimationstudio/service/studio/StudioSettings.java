package org.ganimationstudio.service.studio;

import org.ganimationstudio.face.FaceFinderKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.ganimationstudio.model.ComputeDevice;

/**
 * What the studio remembers between runs: the model directory, CPU or GPU, the preview quality and the
 * recently opened photos. Kept in the user's Java preferences; a value that no longer makes sense
 * (a deleted model folder, an unknown device) reads as the default.
 */
public final class StudioSettings {

    public static final int MAX_RECENT = 8;

    /** How large the live preview renders: a smaller preview pastes into fewer pixels while dragging. */
    public enum PreviewQuality {
        FULL("Full (every pixel of the photo)", 0),
        BALANCED("Balanced (at most 1600 px)", 1600),
        FAST("Fast (at most 900 px)", 900);

        private final String label;
        private final int maxSide;

        PreviewQuality(String label, int maxSide) {
            this.label = label;
            this.maxSide = maxSide;
        }

        /** The preview's long side in pixels; 0 for the photo's own size. */
        public int maxSide() {
            return maxSide;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Preferences prefs;

    public StudioSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static StudioSettings user() {
        return new StudioSettings(Preferences.userRoot().node("org/ganimationstudio/studio"));
    }

    /** The chosen generator directory, or null for the shipped default. */
    public Path modelDir() {
        String s = prefs.get("modelDir", null);
        if (s == null) {
            return null;
        }
        try {
            Path p = Path.of(s);
            return Files.isDirectory(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    public void setModelDir(Path dir) {
        put("modelDir", dir == null ? null : dir.toAbsolutePath().toString());
    }

    public ComputeDevice device() {
        try {
            return ComputeDevice.parse(prefs.get("device", "auto"));
        } catch (IllegalArgumentException e) {
            return ComputeDevice.AUTO;
        }
    }

    public void setDevice(ComputeDevice device) {
        put("device", device.name().toLowerCase(java.util.Locale.ROOT));
    }

    public PreviewQuality previewQuality() {
        try {
            return PreviewQuality.valueOf(prefs.get("previewQuality", PreviewQuality.BALANCED.name()));
        } catch (IllegalArgumentException e) {
            return PreviewQuality.BALANCED;
        }
    }

    public void setPreviewQuality(PreviewQuality quality) {
        put("previewQuality", quality.name());
    }

    /**
     * Whether a drag shows drafts from the model's preview generator (the full one renders on release). Off
     * unless asked for: a preview generator's colours differ from the full model's, so its drafts jump on release.
     */
    public boolean quickDrafts() {
        return prefs.getBoolean("quickDrafts", false);
    }

    public void setQuickDrafts(boolean on) {
        put("quickDrafts", Boolean.toString(on));
    }

    /** Which face finder opens photos: the CNN unless the user chose the Haar cascades. */
    public FaceFinderKind faceFinder() {
        try {
            return FaceFinderKind.parse(prefs.get("faceFinder", FaceFinderKind.CNN.id()));
        } catch (IllegalArgumentException e) {
            return FaceFinderKind.CNN;
        }
    }

    public void setFaceFinder(FaceFinderKind kind) {
        put("faceFinder", kind.id());
    }

    /** Recently opened photos that still exist, newest first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String s = prefs.get("recent." + i, null);
            if (s == null) {
                break;
            }
            try {
                Path p = Path.of(s);
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            } catch (InvalidPathException e) {
                // a stale entry from another system: skip it
            }
        }
        return out;
    }

    /** Puts {@code file} first in the recent list (once), keeping at most {@link #MAX_RECENT}. */
    public void addRecent(Path file) {
        Path f = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentFiles());
        list.remove(f);
        list.add(0, f);
        for (int i = 0; i < MAX_RECENT; i++) {
            put("recent." + i, i < list.size() ? list.get(i).toString() : null);
        }
    }

    private void put(String key, String value) {
        if (value == null) {
            prefs.remove(key);
        } else {
            prefs.put(key, value);
        }
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // the settings stay for this run; nothing the user can act on
        }
    }
}
