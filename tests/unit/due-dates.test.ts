// Due days are calendar days in the office's zone; "overdue" is computed with the clock injected.
import { describe, it, expect } from "vitest";
import { addDays, calendarDay, daysBetween, dueState, isCalendarDate, isDueNow } from "~/domain/due-dates";

describe("calendar days", () => {
  it("takes the day an instant falls on in the office's zone, not in UTC", () => {
    // 22:30 UTC on 1 March is already 2 March in Damascus (UTC+3) and still 1 March in New York.
    const instant = new Date("2027-03-01T22:30:00Z");
    expect(calendarDay(instant, "Asia/Damascus")).toBe("2027-03-02");
    expect(calendarDay(instant, "UTC")).toBe("2027-03-01");
    expect(calendarDay(instant, "America/New_York")).toBe("2027-03-01");
  });

  it("accepts only real days as YYYY-MM-DD", () => {
    for (const ok of ["2026-12-01", "2028-02-29"]) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ["2026-02-30", "2027-02-29", "2026-13-01", "26-12-01", "2026-1-1", "", "2026-12-01T00:00"]) expect(isCalendarDate(bad), bad).toBe(false);
  });

  it("adds days across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
  });
});

describe("dueState", () => {
  const today = "2026-12-10";
  it.each([
    ["2026-12-09", false, "overdue"],
    ["2026-01-01", false, "overdue"],
    ["2026-12-10", false, "today"],
    ["2026-12-11", false, "soon"],
    ["2026-12-17", false, "soon"],
    ["2026-12-18", false, "later"],
    [null, false, "none"],
    ["2026-12-01", true, "done"],
    [null, true, "done"],
  ] as const)("due %s, done %s → %s", (due, done, expected) => {
    expect(dueState(due, done, today)).toBe(expected);
  });

  it("a follow-up due today becomes overdue the next day, whatever the hour", () => {
    const due = "2026-12-10";
    const lateEvening = calendarDay(new Date("2026-12-10T20:59:00Z"), "Asia/Damascus"); // 23:59 local
    const justAfterMidnight = calendarDay(new Date("2026-12-10T21:01:00Z"), "Asia/Damascus"); // 00:01 local
    expect(dueState(due, false, lateEvening)).toBe("today");
    expect(dueState(due, false, justAfterMidnight)).toBe("overdue");
    expect(isDueNow(dueState(due, false, lateEvening))).toBe(true);
    expect(isDueNow(dueState(due, false, "2026-12-09"))).toBe(false);
  });
});
