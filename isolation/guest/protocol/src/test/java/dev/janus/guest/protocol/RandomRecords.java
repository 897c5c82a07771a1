package dev.janus.guest.protocol;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds records of any message type with random field values, for round trips and the fuzzer. */
final class RandomRecords {

    private static final String[] WORDS = {"", "a", "crun", "/run/janus-agent", "héllo", "日本語", "emoji \uD83D\uDE00",
        "l-0123456789abcdef", "10.88.0.5/16", "x".repeat(300)};

    private final Random random;

    RandomRecords(Random random) {
        this.random = random;
    }

    <R extends Record> R of(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getGenericType());
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(Type type) {
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == int.class || type == Integer.class) {
            return random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(100);
        }
        if (type == long.class || type == Long.class) {
            return random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(100_000);
        }
        if (type == String.class) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        if (type == byte[].class) {
            byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(5000) : random.nextInt(16)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            List<Object> list = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                list.add(value(p.getActualTypeArguments()[0]));
            }
            return List.copyOf(list);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return of(c.asSubclass(Record.class));
        }
        throw new IllegalArgumentException(type.toString());
    }

    /** Every record type that travels: requests, replies, events, the error payload. */
    static List<Class<? extends Record>> messageTypes() {
        List<Class<? extends Record>> types = new ArrayList<>();
        for (Op op : Op.values()) {
            types.add(op.requestType());
            types.add(op.replyType());
        }
        for (EventType event : EventType.values()) {
            types.add(event.type());
        }
        types.add(dev.janus.guest.protocol.ops.ErrorReply.class);
        return types;
    }
}
