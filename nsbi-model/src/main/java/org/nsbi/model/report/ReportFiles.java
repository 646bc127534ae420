package org.nsbi.model.report;

/** Where the report's files go: a file's name relative to the output folder, and its bytes. */
public interface ReportFiles {

    void writeBytes(String relative, byte[] bytes);
}
