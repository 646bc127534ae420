package org.nsbi.model.output;

/**
 * {@code nsbi-output.json}, written into every output folder when it is committed: what tells an nsbi output from
 * a user's folder ({@code --overwrite} replaces only the former), and what later commands check their inputs by.
 *
 * @param nsbiOutput the command that wrote the folder
 * @param written    when (ISO-8601 instant)
 * @param provenance what it was made by and from
 */
public record OutputMarker(String nsbiOutput, String written, Provenance provenance) {
}
