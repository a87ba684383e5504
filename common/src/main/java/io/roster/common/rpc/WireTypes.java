package io.roster.common.rpc;

import com.alipay.remoting.CustomSerializer;
import com.alipay.remoting.CustomSerializerManager;
import io.roster.common.wire.*;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every class that crosses a bolt connection, and the one-time hook-up of their protostuff serializer. */
public final class WireTypes {
    public static final List<Class<?>> ALL = List.of(
            PublishRequest.class, UnpublishRequest.class, SubscribeRequest.class, UnsubscribeRequest.class, RegisterReply.class,
            PushMessage.class, PushAck.class,
            SessionHello.class, SimpleReply.class, PublishWrite.class, UnpublishWrite.class, ClientOffWrite.class, WriteReply.class,
            GetDatumRequest.class, DatumReply.class, DataChangeNotice.class,
            HeartbeatRequest.class, HeartbeatReply.class, ClusterStatusRequest.class, ClusterStatusReply.class, ClusterChangedNotice.class,
            DatumDigest.class, ReplicaPush.class, ReplicaDigestRequest.class, ReplicaDigestReply.class, ReplicaFetchRequest.class,
            ReplicaFetchReply.class,
            SlotDigest.class, SessionDigest.class, SessionDigestReply.class, SessionSlotSync.class, SlotDigestQuery.class,
            SlotDigestQueryReply.class, SlotPublishersQuery.class, SlotPublishersReply.class, SwitchRequest.class, SwitchReply.class,
            DatumVersionsQuery.class, DatumVersionsReply.class, InterestWithdrawal.class,
            SessionListRequest.class, SessionListReply.class, SessionPing.class,
            ClientHello.class, PushEntry.class, PublishBatch.class, PublishBatchReply.class,
            RevisionRegistration.class, RevisionQuery.class, RevisionReply.class, RevisionCatalogRequest.class,
            RevisionCatalogReply.class,
            RegistryQuery.class, RegistryQueryReply.class, ServiceItem.class, RegistrationItem.class, ConnectionItem.class,
            LeverRequest.class, LeverReply.class, AclRequest.class, AclReply.class);

    private static final Map<String, Class<?>> BY_NAME = ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    private static final Object INSTALL_LOCK = new Object();

    private WireTypes() {
    }

    static Class<?> byName(String name) {
        return BY_NAME.get(name);
    }

    /**
     * Registers the serializer for every wire class with bolt. Bolt keeps serializers in a JVM-wide registry, so
     * this is idempotent and every server and client constructor calls it, possibly several at once.
     */
    public static void install() {
        install(BOLT_SERIALIZERS);
    }

    static void install(SerializerRegistry registry) {
        // Checked and registered under one lock: bolt throws when a class already has a serializer, so two threads
        // that both found one missing would fail the second constructor.
        synchronized (INSTALL_LOCK) {
            ProtostuffBoltSerializer serializer = new ProtostuffBoltSerializer();
            for (Class<?> type : ALL) {
                if (registry.get(type.getName()) == null) {
                    registry.register(type.getName(), serializer);
                }
            }
        }
    }

    /** Where {@link #install} puts the serializers: bolt's JVM-wide registry, or a test's stand-in for it. */
    interface SerializerRegistry {
        CustomSerializer get(String className);

        /** Throws if {@code className} already has a serializer, as bolt does. */
        void register(String className, CustomSerializer serializer);
    }

    private static final SerializerRegistry BOLT_SERIALIZERS = new SerializerRegistry() {
        @Override
        public CustomSerializer get(String className) {
            return CustomSerializerManager.getCustomSerializer(className);
        }

        @Override
        public void register(String className, CustomSerializer serializer) {
            CustomSerializerManager.registerCustomSerializer(className, serializer);
        }
    };
}
