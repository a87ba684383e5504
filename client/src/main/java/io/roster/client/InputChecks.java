package io.roster.client;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;

import java.util.ArrayList;
import java.util.List;

/** Local checks of application input, so that input the session would reject never leaves the process. */
final class InputChecks {
    private InputChecks() {
    }

    static DataInfoId dataInfoId(String dataId, RegistryLimits limits) {
        try {
            return DataInfoId.parse(dataId, limits);
        } catch (InvalidInputException e) {
            throw new InvalidRegistrationException("invalid dataId " + quote(dataId) + ": " + e.getMessage(), e);
        }
    }

    /** The checked data, copied: the caller may reuse its arrays afterwards. */
    static List<byte[]> data(DataInfoId dataInfoId, List<byte[]> data, RegistryLimits limits) {
        try {
            limits.checkData(data);
        } catch (InvalidInputException e) {
            throw new InvalidRegistrationException("invalid data for " + dataInfoId + ": " + e.getMessage(), e);
        }
        List<byte[]> copy = new ArrayList<>(data.size());
        for (byte[] item : data) {
            copy.add(item.clone());
        }
        return List.copyOf(copy);
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + (text.length() <= 80 ? text : text.substring(0, 77) + "...") + "'";
    }
}
