package org.ganimationstudio.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --face N|all}: one face by number (1 = the largest) or every face. */
record FaceChoice(int number) {

    /** Highest face number accepted. */
    static final int MAX = 100;

    static final FaceChoice ALL = new FaceChoice(0);

    boolean all() {
        return number == 0;
    }

    /** As {@code PhotoFaces.choose} takes it. */
    @Override
    public String toString() {
        return all() ? "all" : Integer.toString(number);
    }

    static final class Converter implements ITypeConverter<FaceChoice> {
        @Override
        public FaceChoice convert(String text) {
            String t = text.trim();
            if (t.equalsIgnoreCase("all")) {
                return ALL;
            }
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("choose a face by number (1 = the largest) or 'all'; got '" + text + "'");
            }
            if (n < 1 || n > MAX) {
                throw new TypeConversionException("a face number is within 1 to " + MAX + "; got '" + text + "'");
            }
            return new FaceChoice((int) n);
        }
    }
}
