package dev.janus.guest.protocol.codec;

import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ProtocolException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The wire form of one field type. Fields are never null on the wire: a null is sent as the
 * type's default (0, false, "", no bytes, an empty list, a record of defaults).
 */
sealed interface FieldType {

    void write(WireOutput out, Object value);

    Object read(WireInput in, int depth) throws ProtocolException;

    /** The value of a field an older sender did not know. */
    Object absent();

    /** The fewest bytes one value takes, to bound list counts before reading them. */
    int minBytes();

    static FieldType of(Type type) {
        if (type == boolean.class || type == Boolean.class) {
            return new Bool();
        }
        if (type == int.class || type == Integer.class) {
            return new Int32();
        }
        if (type == long.class || type == Long.class) {
            return new Int64();
        }
        if (type == String.class) {
            return new Text();
        }
        if (type == byte[].class) {
            return new Bytes();
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return new ListOf(of(p.getActualTypeArguments()[0]));
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return new EnumOf(c.getSimpleName(), (Enum<?>[]) c.getEnumConstants());
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return new RecordOf(c.asSubclass(Record.class));
        }
        throw new IllegalArgumentException("no wire form for " + type);
    }

    record Bool() implements FieldType {
        public void write(WireOutput out, Object value) {
            out.u8(Boolean.TRUE.equals(value) ? 1 : 0);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            int b = in.u8();
            if (b > 1) {
                throw new ProtocolException("boolean field holds " + b);
            }
            return b == 1;
        }

        public Object absent() {
            return false;
        }

        public int minBytes() {
            return 1;
        }
    }

    record Int32() implements FieldType {
        public void write(WireOutput out, Object value) {
            out.i32(value == null ? 0 : (Integer) value);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            return in.i32();
        }

        public Object absent() {
            return 0;
        }

        public int minBytes() {
            return 4;
        }
    }

    record Int64() implements FieldType {
        public void write(WireOutput out, Object value) {
            out.i64(value == null ? 0L : (Long) value);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            return in.i64();
        }

        public Object absent() {
            return 0L;
        }

        public int minBytes() {
            return 8;
        }
    }

    record Text() implements FieldType {
        public void write(WireOutput out, Object value) {
            out.string(value == null ? "" : (String) value);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            return in.string();
        }

        public Object absent() {
            return "";
        }

        public int minBytes() {
            return 4;
        }
    }

    record Bytes() implements FieldType {
        public void write(WireOutput out, Object value) {
            out.bytes(value == null ? new byte[0] : (byte[]) value);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            return in.bytes();
        }

        public Object absent() {
            return new byte[0];
        }

        public int minBytes() {
            return 4;
        }
    }

    /** u32 count, then the elements. */
    record ListOf(FieldType element) implements FieldType {
        public void write(WireOutput out, Object value) {
            List<?> list = value == null ? List.of() : (List<?>) value;
            out.i32(list.size());
            for (Object item : list) {
                element.write(out, item);
            }
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            if (depth >= Protocol.MAX_NESTING) {
                throw new ProtocolException("message nested deeper than " + Protocol.MAX_NESTING);
            }
            int count = in.length(element.minBytes());
            // grown as elements arrive: a count never reserves memory the bytes do not back
            List<Object> items = new ArrayList<>(Math.min(count, 16));
            for (int i = 0; i < count; i++) {
                items.add(element.read(in, depth + 1));
            }
            return Collections.unmodifiableList(items);
        }

        public Object absent() {
            return List.of();
        }

        public int minBytes() {
            return 4;
        }
    }

    /** An enum travels as its constant's name; an unknown name becomes UNKNOWN where there is one. */
    record EnumOf(String typeName, Enum<?>[] constants) implements FieldType {
        public void write(WireOutput out, Object value) {
            out.string(value == null ? ((Enum<?>) absent()).name() : ((Enum<?>) value).name());
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            String name = in.string();
            Object known = named(name);
            if (known != null) {
                return known;
            }
            Object unknown = named("UNKNOWN");
            if (unknown == null) {
                throw new ProtocolException("no " + typeName + " named " + name);
            }
            return unknown;
        }

        public Object absent() {
            Object unknown = named("UNKNOWN");
            return unknown != null ? unknown : constants[0];
        }

        public int minBytes() {
            return 4;
        }

        private Object named(String name) {
            for (Enum<?> constant : constants) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
            return null;
        }
    }

    /** u32 length, then the record's fields; see {@link RecordShape}. */
    record RecordOf(Class<? extends Record> type) implements FieldType {
        public void write(WireOutput out, Object value) {
            byte[] body = RecordShape.of(type).encode((Record) value);
            out.bytes(body);
        }

        public Object read(WireInput in, int depth) throws ProtocolException {
            if (depth >= Protocol.MAX_NESTING) {
                throw new ProtocolException("message nested deeper than " + Protocol.MAX_NESTING);
            }
            int n = in.length(1);
            return RecordShape.of(type).decode(in.slice(n), depth + 1);
        }

        public Object absent() {
            return RecordShape.of(type).defaults();
        }

        public int minBytes() {
            return 4;
        }
    }
}
