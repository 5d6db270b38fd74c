package io.airstay.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

    @ParameterizedTest(name = "[{0}] allows gzip: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                          | false
            ''                            | false
            gzip                          | true
            GZIP                          | true
            x-gzip                        | true
            *                             | true
            gzip, deflate, br             | true
            br, gzip                      | true
            '  br ,  gzip  '              | true
            deflate, br                   | false
            identity                      | false
            gzipped                       | false
            gzip;q=0                      | false
            gzip; q=0.0                   | false
            gzip ; Q = 0.000              | false
            gzip;q=0.                     | false
            gzip;q=0.001                  | true
            gzip;q=0.5                    | true
            gzip;q=1                      | true
            gzip;level=1;q=0              | false
            gzip;level=1                  | true
            br;q=0, gzip                  | true
            gzip;q=0, *                   | false
            *;q=0                         | false
            """)
    void readsTheHeaderAsRfc9110Says(String header, boolean allowed) {
        assertEquals(allowed, JsonBody.acceptsGzip(header));
    }
}
