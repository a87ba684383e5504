package io.roster.datastore.replication;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the datums of one replica push so that each piece stays under a byte budget, set below the followers'
 * rpc.max-frame-bytes: a follower closes a connection whose frame is over its cap, and a batch of up to 256 whole
 * datums can be. Sizes are estimated from the content (strings at 3 bytes a character, generous field overhead), so a
 * piece's encoded frame stays under its estimate. A single datum over the budget still goes alone.
 */
final class PushChunks {
    private static final int FIELD_OVERHEAD = 16;
    private static final int PUBLISHER_OVERHEAD = 128;

    private PushChunks() {
    }

    static List<List<Datum>> split(List<Datum> datums, long budgetBytes) {
        List<List<Datum>> pieces = new ArrayList<>();
        List<Datum> piece = new ArrayList<>();
        long pieceBytes = 0;
        for (Datum d : datums) {
            long size = estimatedBytes(d);
            if (!piece.isEmpty() && pieceBytes + size > budgetBytes) {
                pieces.add(piece);
                piece = new ArrayList<>();
                pieceBytes = 0;
            }
            piece.add(d);
            pieceBytes += size;
        }
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        return pieces;
    }

    static long estimatedBytes(Datum d) {
        long bytes = FIELD_OVERHEAD + utf8Bound(d.dataInfoId());
        for (Publisher p : d.publishers()) {
            bytes += PUBLISHER_OVERHEAD + utf8Bound(p.registerId()) + utf8Bound(p.dataInfoId()) + utf8Bound(p.clientId())
                    + utf8Bound(p.appName()) + utf8Bound(p.zone()) + utf8Bound(p.sessionProcessId().address());
            for (byte[] item : p.data()) {
                bytes += FIELD_OVERHEAD + item.length;
            }
        }
        return bytes;
    }

    private static long utf8Bound(String s) {
        return s == null ? 0 : 3L * s.length() + FIELD_OVERHEAD;
    }
}
