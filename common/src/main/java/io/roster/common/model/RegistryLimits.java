package io.roster.common.model;

import java.util.List;

/**
 * Bounds on what a client may register. Both the SDK and the session check them, so a bad call fails
 * fast at the caller and a client that skips the SDK still cannot store oversized data.
 */
public record RegistryLimits(int maxDataInfoIdLength, int maxDataItemBytes, int maxDataItems, int maxAppNameLength) {
    public static final RegistryLimits DEFAULTS = new RegistryLimits(512, 16 * 1024, 32, 128);

    public RegistryLimits {
        if (maxDataInfoIdLength < 16 || maxDataItemBytes < 1 || maxDataItems < 1 || maxAppNameLength < 1) {
            throw new IllegalArgumentException("limits must be positive (dataInfoId at least 16): " + this);
        }
    }

    /** Checks the data of one publisher: item count and each item's size. */
    public void checkData(List<byte[]> data) {
        if (data == null || data.isEmpty()) {
            throw new InvalidInputException("a publisher needs at least one data item");
        }
        if (data.size() > maxDataItems) {
            throw new InvalidInputException("a publisher has " + data.size() + " data items, over the limit of " + maxDataItems);
        }
        for (int i = 0; i < data.size(); i++) {
            byte[] item = data.get(i);
            if (item == null) {
                throw new InvalidInputException("data item " + i + " is null");
            }
            if (item.length > maxDataItemBytes) {
                throw new InvalidInputException("data item " + i + " is " + item.length + " bytes, over the limit of "
                        + maxDataItemBytes + " bytes");
            }
        }
    }

    public void checkAppName(String appName) {
        if (appName == null || appName.isEmpty()) {
            throw new InvalidInputException("appName is empty");
        }
        if (appName.length() > maxAppNameLength) {
            throw new InvalidInputException("appName is " + appName.length() + " characters long, over the limit of "
                    + maxAppNameLength);
        }
    }

    /** Client and register ids are client-chosen UUID-like tokens. */
    public void checkId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException(what + " is empty");
        }
        if (id.length() > 128) {
            throw new InvalidInputException(what + " is " + id.length() + " characters long, over the limit of 128");
        }
    }
}
