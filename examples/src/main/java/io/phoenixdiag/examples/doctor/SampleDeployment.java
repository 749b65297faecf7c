package io.phoenixdiag.examples.doctor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The small sample deployment bundled in the examples jar ({@code sample-deployment/} at the jar's
 * root, sources in {@code examples/src/main/resources/sample-deployment}). It is broken on purpose so
 * the doctor has something to show.
 *
 * <p>The sample is opened as a read-only zip file system so that report locations read
 * {@code sample-deployment/phoenix_lxc_configs.json} wherever the program runs. Thread-safe.
 */
public final class SampleDeployment {
    /** The directory name of the sample inside the jar; also the prefix of its file labels. */
    public static final String DIRECTORY = "sample-deployment";
    private static final String PROBE = "/" + DIRECTORY + "/phoenix_hypervisor_config.json";

    private SampleDeployment() {
    }

    /**
     * Opens the bundled sample.
     *
     * @return the sample's directory, a relative path in a zip file system
     * @throws UncheckedIOException if the sample is not on the class path or cannot be opened
     */
    public static synchronized Path open() {
        URL url = SampleDeployment.class.getResource(PROBE);
        if (url == null) {
            throw new UncheckedIOException(new IOException("the bundled sample deployment is not on the class path"));
        }
        try {
            URI uri = url.toURI();
            FileSystem fs;
            if (uri.getScheme().equals("jar")) {
                String s = uri.toString();
                URI jar = URI.create(s.substring(0, s.indexOf("!/")));
                try {
                    fs = FileSystems.newFileSystem(jar, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(jar);
                }
            } else {
                fs = zipOf(Path.of(uri).getParent());
            }
            return fs.getPath(DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Packs a sample directory on disk (running from classes) into a temporary zip and opens it. */
    private static FileSystem zipOf(Path dir) throws IOException {
        Path zip = Files.createTempFile("phoenix-sample", ".zip");
        zip.toFile().deleteOnExit();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(DIRECTORY + "/" + dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return FileSystems.newFileSystem(zip, (ClassLoader) null);
    }
}
