package dev.janus.cri.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes arrive as a JSON stream cut anywhere, the way client-go's encoder writes them. */
class TerminalSizesTest {

    @Test
    void objectsSplitAcrossMessagesAreJoined() {
        TerminalSizes sizes = new TerminalSizes();
        assertEquals(List.of(), sizes.feed(bytes("{\"Width\":12")));
        assertEquals(List.of(new TerminalSizes.Size(123, 45)), sizes.feed(bytes("3,\"Height\":45}\n{\"Width\":80,")));
        assertEquals(List.of(new TerminalSizes.Size(80, 24)), sizes.feed(bytes("\"Height\":24}")));
    }

    @Test
    void namesMatchWithoutCaseAndBracesInStringsDoNotCount() {
        TerminalSizes sizes = new TerminalSizes();
        assertEquals(List.of(new TerminalSizes.Size(100, 30)),
                sizes.feed(bytes("{\"note\":\"}{\",\"width\":100,\"height\":30}")));
    }

    @Test
    void garbageIsSkipped() {
        TerminalSizes sizes = new TerminalSizes();
        assertEquals(List.of(new TerminalSizes.Size(1, 2)), sizes.feed(bytes("xx{bad}{\"Width\":1,\"Height\":2}")));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
