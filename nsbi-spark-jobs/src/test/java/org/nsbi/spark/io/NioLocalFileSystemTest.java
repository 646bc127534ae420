package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbi.spark.SharedSpark;

class NioLocalFileSystemTest {

    @TempDir
    Path dir;

    @Test
    void createsFilesAndFoldersWithHadoopsPermissionsWithoutStartingAProcess() throws Exception {
        assumeFalse(NativeIO.isAvailable(), "with Hadoop's native library neither file system starts a process");
        FileSystem hadoops = FileSystem.newInstance(URI.create("file:///"), withImpl(LocalFileSystem.class));
        FileSystem ours = FileSystem.newInstance(URI.create("file:///"), withImpl(NioLocalFileSystem.class));
        assertEquals(NioLocalFileSystem.class, ours.getClass());

        Set<PosixFilePermission>[] viaHadoop = new Set[4];
        long hadoopProcesses = processesStartedBy(() -> writeFiles(hadoops, dir.resolve("hadoop"), viaHadoop));
        Set<PosixFilePermission>[] viaNio = new Set[4];
        long ourProcesses = processesStartedBy(() -> writeFiles(ours, dir.resolve("nio"), viaNio));

        assertTrue(hadoopProcesses >= 4, "Hadoop's local file system starts a chmod per file and folder: " + hadoopProcesses);
        assertEquals(0, ourProcesses, "processes started by NioLocalFileSystem");
        for (int i = 0; i < viaHadoop.length; i++) {
            assertEquals(PosixFilePermissions.toString(viaHadoop[i]), PosixFilePermissions.toString(viaNio[i]), "file " + i);
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(viaNio[1]), "an explicit 0640 file");
        assertEquals("rwxr-x---", PosixFilePermissions.toString(viaNio[3]), "an explicit 0750 folder");
    }

    @Test
    void everySessionUsesIt() {
        assertEquals(NioLocalFileSystem.class.getName(), SharedSpark.session().sparkContext().hadoopConfiguration().get("fs.file.impl"));
    }

    @Test
    void modesMapToJavaNioPermissions() {
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(NioLocalFileSystem.Raw.posix(0755)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(NioLocalFileSystem.Raw.posix(0644)));
        assertEquals("-w---x--x", PosixFilePermissions.toString(NioLocalFileSystem.Raw.posix(0211)));
    }

    /** Default file, 0640 file, default folder, 0750 folder; their permissions into {@code into}. */
    private static void writeFiles(FileSystem fs, Path root, Set<PosixFilePermission>[] into) throws IOException {
        org.apache.hadoop.fs.Path r = new org.apache.hadoop.fs.Path(root.toUri());
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(r, "default.bin"))) {
            out.write(1);
        }
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(r, "explicit.bin"), new FsPermission((short) 0640),
                true, 4096, (short) 1, 1 << 20, null)) {
            out.write(2);
        }
        fs.mkdirs(new org.apache.hadoop.fs.Path(r, "folder"));
        fs.mkdirs(new org.apache.hadoop.fs.Path(r, "explicit"), new FsPermission((short) 0750));
        into[0] = Files.getPosixFilePermissions(root.resolve("default.bin"));
        into[1] = Files.getPosixFilePermissions(root.resolve("explicit.bin"));
        into[2] = Files.getPosixFilePermissions(root.resolve("folder"));
        into[3] = Files.getPosixFilePermissions(root.resolve("explicit"));
    }

    private static Configuration withImpl(Class<?> impl) {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", impl.getName());
        return conf;
    }

    interface Io {
        void run() throws IOException;
    }

    /** The processes the JVM started while {@code io} ran, as JFR's jdk.ProcessStart events count them. */
    private long processesStartedBy(Io io) throws Exception {
        Path file = Files.createTempFile(dir, "processes", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ProcessStart");
            r.start();
            io.run();
            r.stop();
            r.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals("jdk.ProcessStart")).count();
    }
}
