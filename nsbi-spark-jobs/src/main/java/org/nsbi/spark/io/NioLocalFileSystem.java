package org.nsbi.spark.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}) with the permissions of new files and folders set through java.nio.
 * Without Hadoop's native library (the usual case: Spark's distribution does not ship it), {@link RawLocalFileSystem}
 * sets the permission of every file it creates, and of its {@code .crc} file, by starting a {@code chmod} process.
 * A neyman run writes one checkpoint per block of toys: 10,000 toys in blocks of 25 started 800 processes, measured
 * with JFR ({@code jdk.ProcessStart}). Everything else is Hadoop's. With the native library, or for a permission java.nio
 * cannot express (the sticky bit) or a file system without POSIX permissions, Hadoop's own way is used. Made the
 * {@code file:} file system of every session by {@link org.nsbi.spark.session.SparkSessions}.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw local file system with {@link #setPermission} through java.nio. */
    static final class Raw extends RawLocalFileSystem {

        private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (!POSIX || permission.getStickyBit() || NativeIO.isAvailable()) {
                super.setPermission(p, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
        }

        /** The nine permission bits of an octal mode (e.g. 0644) as java.nio's set. */
        static Set<PosixFilePermission> posix(int mode) {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            for (int b = 0; b < BITS.length; b++) {
                if ((mode & (1 << b)) != 0) {
                    set.add(BITS[b]);
                }
            }
            return set;
        }
    }
}
