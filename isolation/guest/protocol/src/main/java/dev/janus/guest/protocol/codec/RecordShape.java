package dev.janus.guest.protocol.codec;

import dev.janus.guest.protocol.ProtocolException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one record class travels: its components in declaration order, each in its
 * {@link FieldType} form. A reader meeting fewer fields than it knows (an older sender) fills in
 * defaults; more fields than it knows (a newer sender) are skipped, because every nested record
 * carries its own length. So fields may only ever be appended.
 */
final class RecordShape {

    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    private final Class<? extends Record> type;
    private final RecordComponent[] components;
    private final FieldType[] fields;
    private final Method[] accessors;
    private final Constructor<? extends Record> constructor;

    private RecordShape(Class<? extends Record> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.fields = new FieldType[components.length];
        this.accessors = new Method[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            fields[i] = FieldType.of(components[i].getGenericType());
            parameterTypes[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
            // records nested in tests and package-private ones travel too
            accessors[i].setAccessible(true);
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without a canonical constructor: " + type, e);
        }
    }

    static RecordShape of(Class<? extends Record> type) {
        return SHAPES.computeIfAbsent(type, t -> new RecordShape(t.asSubclass(Record.class)));
    }

    byte[] encode(Record value) {
        Record record = value == null ? defaults() : value;
        WireOutput out = new WireOutput();
        for (int i = 0; i < components.length; i++) {
            fields[i].write(out, component(record, i));
        }
        return out.toByteArray();
    }

    Record decode(WireInput in, int depth) throws ProtocolException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = in.remaining() > 0 ? fields[i].read(in, depth) : fields[i].absent();
        }
        // whatever is left belongs to fields appended after this build: skipped
        return construct(values);
    }

    Record defaults() {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = fields[i].absent();
        }
        return construct(values);
    }

    private Object component(Record record, int i) {
        try {
            return accessors[i].invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + components[i].getName(), e);
        }
    }

    private Record construct(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // a compact constructor refused the values
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }
}
