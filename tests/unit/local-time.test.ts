// The amendment window's times in the conference's zone: wall clock ↔ instant, round trips, clock changes.
import { describe, it, expect } from "vitest";
import { instantOf, localDateTime, offsetMinutes } from "~/domain/local-time";
import { calendarDay } from "~/domain/due-dates";
import { parseDeadline } from "~/domain/invitations.server";

describe("wall-clock times in a zone", () => {
  it("10:00 in Damascus is 07:00Z (UTC+3 all year since 2022), and back", () => {
    expect(instantOf("2026-03-01T10:00", "Asia/Damascus")?.toISOString()).toBe("2026-03-01T07:00:00.000Z");
    expect(instantOf("2026-07-15T23:30", "Asia/Damascus")?.toISOString()).toBe("2026-07-15T20:30:00.000Z");
    expect(localDateTime(new Date("2026-03-01T07:00:00Z"), "Asia/Damascus")).toBe("2026-03-01T10:00");
    // Across midnight: 22:30Z is already the next day in Damascus.
    expect(localDateTime(new Date("2026-12-31T22:30:00Z"), "Asia/Damascus")).toBe("2027-01-01T01:30");
    expect(instantOf("2026-03-01T10:00", "UTC")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("follows clock changes: Berlin in winter and summer, a skipped hour read with the offset before it", () => {
    expect(instantOf("2026-01-10T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-01-10T08:00:00.000Z");
    expect(instantOf("2026-07-10T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-10T07:00:00.000Z");
    expect(instantOf("2026-03-29T02:30", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    for (const iso of ["2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]) {
      const local = localDateTime(new Date(iso), "Europe/Berlin");
      expect(localDateTime(instantOf(local, "Europe/Berlin")!, "Europe/Berlin"), iso).toBe(local);
    }
  });

  it("refuses what is not a real date and time", () => {
    for (const bad of ["", "2026-02-30T10:00", "2026-13-01T10:00", "2026-03-01T24:00", "2026-03-01 10:00", "tomorrow", "2026-03-01T10:60"]) {
      expect(instantOf(bad, "Asia/Damascus"), bad).toBeNull();
    }
  });

  it("knows the zone's offset at an instant, half hours and clock changes included", () => {
    expect(offsetMinutes(new Date("2026-03-01T00:00:00Z"), "Asia/Damascus")).toBe(180);
    expect(offsetMinutes(new Date("2026-01-01T00:00:00Z"), "America/St_Johns")).toBe(-210);
    expect(offsetMinutes(new Date("2026-07-01T00:00:00Z"), "Europe/Berlin")).toBe(120);
  });

  it("a confirmation deadline given as a day runs to the end of that day in the office's zone", () => {
    expect(parseDeadline("2026-12-24", "Asia/Damascus")?.toISOString()).toBe("2026-12-24T20:59:59.999Z");
    expect(parseDeadline("2026-12-24", "America/New_York")?.toISOString()).toBe("2026-12-25T04:59:59.999Z");
    for (const zone of ["Asia/Damascus", "America/New_York", "Pacific/Kiritimati", "UTC"]) expect(calendarDay(parseDeadline("2026-12-24", zone)!, zone)).toBe("2026-12-24");
    expect(parseDeadline("2026-12-24T10:00:00+03:00")?.toISOString()).toBe("2026-12-24T07:00:00.000Z");
    expect(parseDeadline("")).toBeNull();
  });
});
