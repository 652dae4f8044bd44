package org.ganimationstudio.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop settings (file systems, object-store endpoints and credentials given as
 * {@code spark.hadoop.*}) carried to the tasks, which open the photos and write the outputs with them.
 */
final class HadoopSettings implements Serializable {

    private final Map<String, String> entries = new HashMap<>();

    HadoopSettings(Configuration conf) {
        for (Map.Entry<String, String> e : conf) {
            entries.put(e.getKey(), e.getValue());
        }
    }

    Configuration configuration() {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }
}
