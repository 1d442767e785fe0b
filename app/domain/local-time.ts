// Wall-clock times in the conference's time zone (TAWAFUQ_TIME_ZONE, see due-dates.ts). Organizers
// think of "the window closes at 18:00" in Damascus, not in UTC; the database keeps instants. Intl
// only: the zone rules come with the runtime's ICU, no date library needed for two conversions.
export { officeTimeZone } from "./due-dates";

/** "YYYY-MM-DDTHH:mm", the value of an <input type="datetime-local">. */
export type LocalDateTime = string;

/** An instant's calendar fields on the zone's wall clock (month 1–12, hour 0–23). */
export function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: n("year"), month: n("month"), day: n("day"), hour: n("hour"), minute: n("minute"), second: n("second") };
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The wall-clock time of an instant in a zone, as a datetime-local value. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant a wall-clock time in a zone names; null when the value is not a real date and time.
 * A time skipped by a clock change (spring forward) is read with the offset before the change.
 */
export function instantOf(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s = 0] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  // Date.UTC rolls 30 February over into March: refuse it instead.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Two passes: the offset at the first guess may differ from the one at the answer near a clock change.
  const first = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(first), timeZone));
}

/** How far the zone's clock is ahead of UTC at an instant, in minutes (labels: app/i18n/reader.ts zoneLabel). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(offsetAt(instant, timeZone) / 60_000);
}
