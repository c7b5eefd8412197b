package io.qnxhil.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.qnxhil.board.TransportConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Finds a board's serial port by path, USB serial number or USB location, and sets its line parameters. */
final class SerialPorts {
    private SerialPorts() {
    }

    static SerialPort resolve(TransportConfig.Serial serial) {
        if (serial.path() != null) {
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(serial.path()))) {
                throw new TransportException("serial " + serial.port() + ": no such device (unplugged, or the console server is down?)");
            }
            try {
                return SerialPort.getCommPort(serial.path()); // also a pty, which getCommPorts() does not list
            } catch (SerialPortInvalidPortException e) {
                throw new TransportException("serial " + serial.port() + ": " + e.getMessage(), e);
            }
        }
        return pick(List.of(SerialPort.getCommPorts()), serial, SerialPort::getSerialNumber, SerialPort::getPortLocation,
                SerialPort::getSystemPortPath);
    }

    /** The one port whose USB serial number (or location) is the configured one; an error lists what there is. */
    static <P> P pick(List<P> ports, TransportConfig.Serial serial, Function<P, String> serialNumber,
                      Function<P, String> location, Function<P, String> path) {
        List<P> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (P p : ports) {
            String sn = serialNumber.apply(p);
            String loc = location.apply(p);
            seen.add(path.apply(p) + " (serial " + sn + ", location " + loc + ")");
            if (serial.usbSerial() != null ? serial.usbSerial().equals(sn) : serial.location().equals(loc)) {
                found.add(p);
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new TransportException("serial " + serial.port() + ": " + (found.isEmpty() ? "no such port" : found.size()
                + " ports match") + "; ports present: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
    }

    static void configure(SerialPort port, TransportConfig.Serial serial) {
        String f = serial.framing();
        int data = f.charAt(0) - '0';
        int parity = switch (f.charAt(1)) {
            case 'E' -> SerialPort.EVEN_PARITY;
            case 'O' -> SerialPort.ODD_PARITY;
            case 'M' -> SerialPort.MARK_PARITY;
            case 'S' -> SerialPort.SPACE_PARITY;
            default -> SerialPort.NO_PARITY;
        };
        String stop = f.substring(2);
        int stopBits = stop.equals("2") ? SerialPort.TWO_STOP_BITS
                : stop.equals("1.5") ? SerialPort.ONE_POINT_FIVE_STOP_BITS : SerialPort.ONE_STOP_BIT;
        port.setComPortParameters(serial.baud(), data, stopBits, parity);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 200, 0);
    }
}
