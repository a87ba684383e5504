package io.roster.tools.cli.meta;

/**
 * A membership change as the group shows it afterwards: {@code after} includes the change; {@code lostAnswer} is
 * the error of a call whose answer never came although the change took effect, or null when the leader answered.
 */
record VerifiedChange(Membership after, String lostAnswer) {
    /** A clause for the command's line, empty when nothing went astray. */
    String note() {
        return lostAnswer == null ? "" : " (the leader's answer was lost, but the group shows the change: " + lostAnswer + ")";
    }
}
