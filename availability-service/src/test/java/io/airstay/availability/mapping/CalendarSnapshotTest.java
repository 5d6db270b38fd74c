package io.airstay.availability.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.airstay.availability.repository.CalendarNight;
import io.airstay.contracts.WireFormat;

class CalendarSnapshotTest {

    private static final ObjectMapper JACKSON = WireFormat.newMapper();
    private static final LocalDate FROM = LocalDate.of(2026, 12, 30);
    private static final UUID PROPERTY = UUID.fromString("7b0c1a52-2f4e-4c4f-9a55-0a8f6f1de001");

    /** Nights stored on 2026-12-30 .. 2027-01-04 except 2027-01-02, with prices of every scale; the snapshot runs to 2027-01-06. */
    private static final CalendarSnapshot SNAPSHOT = CalendarSnapshot.of(FROM, LocalDate.of(2027, 1, 6), List.of(
            night("2026-12-30", true, new BigDecimal("120.00"), 2),
            night("2026-12-31", false, new BigDecimal("99.5"), 1),
            night("2027-01-01", true, new BigDecimal("1E+2"), 3),
            night("2027-01-03", true, new BigDecimal("0.01"), 1),
            night("2027-01-04", true, new BigDecimal("12345678.90"), 14)));

    @ParameterizedTest(name = "{0} .. {1}")
    @CsvSource({
        "2026-12-30, 2026-12-30", // one night, the first
        "2026-12-30, 2027-01-05", // every night, across a year's end and a night not stored
        "2027-01-02, 2027-01-02", // a night not stored
        "2027-01-04, 2027-01-20", // beyond the snapshot: not in the calendar
        "2027-02-01, 2027-02-03", // wholly beyond it
    })
    void writesWhatJacksonWritesForTheSameCalendar(LocalDate start, LocalDate end) throws JsonProcessingException {
        assertEquals(JACKSON.writeValueAsString(SNAPSHOT.calendar(PROPERTY, start, end)), SNAPSHOT.json(PROPERTY, start, end));
    }

    private static CalendarNight night(String date, boolean available, BigDecimal price, int minimumNights) {
        return new CalendarNight(LocalDate.parse(date), price, minimumNights, null, !available);
    }
}
