package dev.janus.networking.hns.win32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.sun.jna.platform.win32.Guid.GUID;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REFGUID layout is plain memory: checked here, where the DLL itself cannot run. */
class NativeHnsApiGuidTest {

    @Test
    void guidHasWindowsByteOrder() {
        GUID guid = NativeHnsApi.guid(UUID.fromString("6a616e75-0001-8123-a456-789abcdef012"));

        byte[] memory = guid.getPointer().getByteArray(0, 16);

        // Data1, Data2, Data3 little-endian; Data4 as written
        assertArrayEquals(HexFormat.of().parseHex("756e616a" + "0100" + "2381" + "a456789abcdef012"), memory);
    }
}
