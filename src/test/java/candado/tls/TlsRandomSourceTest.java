package candado.tls;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which SecureRandom a TLS factory hands to Bouncy Castle: the setting's, the device-wide one, or a new platform one. */
class TlsRandomSourceTest {

    @AfterEach
    void reset() {
        TlsSettings.setDefaultSecureRandom(null);
    }

    @Test
    void settingThenDeviceWideThenPlatform() {
        SecureRandom own = new SecureRandom();
        SecureRandom device = new SecureRandom();
        assertNotNull(new TlsSettings().randomSource(), "PC port: a platform SecureRandom");
        TlsSettings.setDefaultSecureRandom(device);
        assertSame(device, new TlsSettings().randomSource(), "board: the device-wide hardware source");
        assertSame(own, new TlsSettings().secureRandom(own).randomSource());
        TlsTransportFactory f = new TlsTransportFactory(new TlsSettings().psk("id", "00112233445566778899aabbccddeeff"));
        assertSame(device, f.crypto.getSecureRandom(), "Bouncy Castle gets the device-wide source");
    }
}
