package dev.janus.cri.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Terminal sizes from a resize stream: JSON objects {@code {"Width":W,"Height":H}} one after the
 * other, split anywhere across messages (client-go writes them with a json.Encoder and reads them
 * with a json.Decoder). Each complete top-level object is parsed; field names match without
 * regard to case, as Go's decoder does. Garbage is skipped, an oversized object dropped.
 */
final class TerminalSizes {

    /** A size; zero means the client did not say. */
    record Size(int width, int height) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OBJECT = 4096;

    private final ByteArrayOutputStream object = new ByteArrayOutputStream();
    private int depth;
    private boolean inString;
    private boolean escaped;

    /** The sizes completed by {@code data}, which stays the caller's. */
    List<Size> feed(ByteBuf data) {
        List<Size> sizes = new ArrayList<>();
        for (int i = data.readerIndex(); i < data.writerIndex(); i++) {
            byte b = data.getByte(i);
            if (depth == 0 && b != '{') {
                continue;
            }
            object.write(b);
            track(b);
            if (depth == 0) {
                parse(sizes);
            } else if (object.size() > MAX_OBJECT) {
                reset();
            }
        }
        return sizes;
    }

    private void track(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{') {
            depth++;
        } else if (b == '}') {
            depth--;
        }
    }

    private void parse(List<Size> sizes) {
        try {
            JsonNode node = JSON.readTree(object.toByteArray());
            sizes.add(new Size(field(node, "width"), field(node, "height")));
        } catch (IOException e) {
            // not a size: skip it
        }
        reset();
    }

    private static int field(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return Math.max(0, Math.min(field.getValue().asInt(0), 0xffff));
            }
        }
        return 0;
    }

    private void reset() {
        object.reset();
        depth = 0;
        inString = false;
        escaped = false;
    }
}
