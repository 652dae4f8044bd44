package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ganimationstudio.studio.StudioLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the desktop studio (optionally with a photo). Model: $GANIMATION_MODEL, else the shipped one.")
final class StudioCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PHOTO", description = "A photo to open.")
    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    Path photo;

    @Override
    public Integer call() {
        StudioLauncher.main(photo == null ? new String[0] : new String[] {photo.toString()});
        return 0;
    }
}
