package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a Java long as the uint64 the spec declares (so -1 becomes 18446744073709551615). */
public final class UnsignedLongSerializer extends StdSerializer<Long> {

    public UnsignedLongSerializer() {
        super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(Long.toUnsignedString(value));
    }
}
