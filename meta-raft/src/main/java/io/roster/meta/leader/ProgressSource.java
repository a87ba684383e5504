package io.roster.meta.leader;

import io.roster.meta.image.MetaImage;
import io.roster.meta.slot.ReplicaProgress;

/** Where the planner learns which follower copies caught up: the data nodes' reports, read for a planned image. */
@FunctionalInterface
public interface ProgressSource {
    /** What the live data processes of {@code planned} reported, frozen now. */
    ReplicaProgress progress(MetaImage planned);
}
