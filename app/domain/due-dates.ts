// Calendar dates for follow-ups and plan items (ADR 0042). A due date is a day, not an instant: it is
// stored as a DATE and compared with "today" in the office's time zone, with the clock injected, so
// "overdue" means the same thing in a test, on the server and on the dashboard.
import { z } from "zod";

/** "YYYY-MM-DD". */
export type CalendarDate = string;

/** The office works from north-east Syria; override with TAWAFUQ_TIME_ZONE (an IANA zone). */
export const DEFAULT_TIME_ZONE = "Asia/Damascus";
export function officeTimeZone(): string {
  const tz = typeof process !== "undefined" ? process.env.TAWAFUQ_TIME_ZONE : undefined;
  return tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}

/** A conference's own zone (Conference.timeZone) when it names a valid one, else the office's. */
export const conferenceZone = (c: { timeZone: string | null }) => (c.timeZone && isTimeZone(c.timeZone) ? c.timeZone : officeTimeZone());

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day an instant falls on in a time zone. */
export function calendarDay(instant: Date, timeZone: string = officeTimeZone()): CalendarDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** A DATE column as Prisma returns it (midnight UTC) back to its day. */
export function dayOf(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

/** A day to the value Prisma stores in a DATE column. */
export function toDbDate(day: CalendarDate): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(day: CalendarDate, n: number): CalendarDate {
  const d = toDbDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return dayOf(d);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toDbDate(b).getTime() - toDbDate(a).getTime()) / 86400_000);
}

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && dayOf(d) === s;
}

/** zod: a real calendar day ("2026-02-30" is refused). */
export const calendarDate = z
  .string()
  .trim()
  .refine(isCalendarDate, { message: "Use a real date as YYYY-MM-DD", params: { rule: "invalidDate" } })
  .meta({ format: "date", description: "A calendar day, YYYY-MM-DD" });

/**
 * Where a dated task stands on `today`:
 * - done: completed (never overdue, whatever its date);
 * - overdue: the due day has passed;
 * - today: due today (still on time until the day ends);
 * - soon: due within `soonDays` days;
 * - later: due after that;
 * - none: no due date.
 */
export const dueStates = ["done", "overdue", "today", "soon", "later", "none"] as const;
export type DueState = (typeof dueStates)[number];

export function dueState(due: CalendarDate | null | undefined, done: boolean, today: CalendarDate, soonDays = 7): DueState {
  if (done) return "done";
  if (!due) return "none";
  const d = daysBetween(today, due);
  if (d < 0) return "overdue";
  if (d === 0) return "today";
  return d <= soonDays ? "soon" : "later";
}

/** Overdue or due today: what needs doing now. */
export const isDueNow = (s: DueState) => s === "overdue" || s === "today";
