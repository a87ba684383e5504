package io.roster.session.push;

import io.roster.common.model.Datum;

/** Reads the current datum of a dataInfoId from its slot leader; throws when it cannot. */
public interface DatumReader {
    Datum read(String dataInfoId);
}
