package io.roster.common.model;

import java.util.Objects;

/** One run of one node: a restarted node is a new process, so its old registrations can be told apart. */
public final class ProcessId {
    private final String address;
    private final long startTimeMillis;
    private final long pid;

    public ProcessId(String address, long startTimeMillis, long pid) {
        this.address = Objects.requireNonNull(address, "address");
        this.startTimeMillis = startTimeMillis;
        this.pid = pid;
    }

    /** The id of this JVM's node listening on {@code address}, started now. */
    public static ProcessId current(String address) {
        return new ProcessId(address, System.currentTimeMillis(), ProcessHandle.current().pid());
    }

    public String address() {
        return address;
    }

    public long startTimeMillis() {
        return startTimeMillis;
    }

    public long pid() {
        return pid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessId p && address.equals(p.address) && startTimeMillis == p.startTimeMillis && pid == p.pid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, startTimeMillis, pid);
    }

    @Override
    public String toString() {
        return address + "/" + startTimeMillis + "/" + pid;
    }
}
