package io.roster.meta.image;

import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;

import java.util.List;
import java.util.Map;

/** Revisions the meta tests register: two apps, three interfaces, fixed content (so fixed digests). */
public final class RevisionFixtures {
    public static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    public static final String TIME = "com.example.Time#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    public static final String STOCK = "com.example.Stock#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    /** shop serving Echo and Time. */
    public static final Revision SHOP_V1 = revision("shop", spec(ECHO, "timeout", "3000"), spec(TIME));
    /** shop serving Echo only (a rollout dropped Time). */
    public static final Revision SHOP_V2 = revision("shop", spec(ECHO, "timeout", "5000"));
    /** warehouse serving Stock and Echo. */
    public static final Revision WAREHOUSE = revision("warehouse", spec(STOCK), spec(ECHO));

    private RevisionFixtures() {
    }

    public static Revision revision(String app, InterfaceSpec... specs) {
        return Revision.of(app, List.of(specs), RegistryLimits.DEFAULTS);
    }

    public static InterfaceSpec spec(String iface, String... keyValues) {
        Map<String, String> params = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new InterfaceSpec(iface, params);
    }
}
