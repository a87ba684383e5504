package io.roster.session.limit;

/**
 * A token-bucket rate: {@code perSecond} tokens a second, at most {@code burst} saved up. A rate of 0 is unlimited
 * (the burst is then ignored).
 *
 * @param perSecond sustained registrations per second; 0 for no limit
 * @param burst     registrations that may come at once after a quiet spell; at least 1 when limited
 * @param rateKey   the setting of the rate, named in a refusal
 * @param burstKey  the setting of the burst, named in a refusal
 */
public record RateLimit(long perSecond, long burst, String rateKey, String burstKey) {
    public RateLimit {
        if (perSecond < 0) {
            throw new IllegalArgumentException(rateKey + " must not be negative, got " + perSecond);
        }
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException(burstKey + " must be at least 1 while " + rateKey + " limits, got " + burst);
        }
    }

    public boolean unlimited() {
        return perSecond == 0;
    }

    @Override
    public String toString() {
        return unlimited() ? "unlimited (" + rateKey + "=0)"
                : perSecond + " per second, burst " + burst + " (" + rateKey + ", " + burstKey + ")";
    }
}
