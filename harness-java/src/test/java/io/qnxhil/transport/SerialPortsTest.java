package io.qnxhil.transport;

import io.qnxhil.board.TransportConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding a USB serial adapter by serial number or location among the ports the system lists. */
class SerialPortsTest {
    record Port(String path, String serial, String location) {
    }

    static final List<Port> PORTS = List.of(new Port("/dev/ttyUSB0", "A50285BI", "1-1.2"),
            new Port("/dev/ttyUSB1", "FT4XYZ", "1-1.3"), new Port("/dev/ttyACM0", "FT4XYZ", "1-1.4"));

    static TransportConfig.Serial by(String usb, String location) {
        return new TransportConfig.Serial(null, usb, location, 115200, "8N1", null, null, "login:", "Password:", "# $",
                "auto", 16384);
    }

    static Port pick(TransportConfig.Serial s) {
        return SerialPorts.pick(PORTS, s, Port::serial, Port::location, Port::path);
    }

    @Test
    void bySerialNumberOrLocation() {
        assertEquals("/dev/ttyUSB0", pick(by("A50285BI", null)).path());
        assertEquals("/dev/ttyACM0", pick(by(null, "1-1.4")).path());
    }

    @Test
    void noneOrSeveralIsAnErrorListingThePortsPresent() {
        TransportException none = assertThrows(TransportException.class, () -> pick(by("NOPE", null)));
        assertTrue(none.getMessage().contains("no such port") && none.getMessage().contains("/dev/ttyUSB1 (serial FT4XYZ, location 1-1.3)"),
                none.getMessage());
        TransportException two = assertThrows(TransportException.class, () -> pick(by("FT4XYZ", null)));
        assertTrue(two.getMessage().contains("2 ports match"), two.getMessage());
    }
}
