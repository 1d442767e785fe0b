// Time left until an instant: rendered by the server from its own clock (so it reads right without
// JavaScript and hydrates the same), then ticked by the browser every second.
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { intlLocale } from "~/components/dates";

const units = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
] as const;

/** "2 days 3 hours 4 minutes" in the reader's language: the two largest units that are not zero (seconds only in the last hour). */
export function remainingText(language: string, ms: number): string {
  const parts: string[] = [];
  let left = Math.max(0, ms);
  for (const [unit, size] of units) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (unit === "second" && ms >= 3_600_000) break;
    if (n > 0 || (unit === "second" && !parts.length)) parts.push(new Intl.NumberFormat(intlLocale(language), { style: "unit", unit, unitDisplay: "long" }).format(n));
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

export function Countdown({ to, now, testId = "countdown" }: { to: string; now: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const end = new Date(to).getTime();
  const [left, setLeft] = useState(end - new Date(now).getTime());
  useEffect(() => {
    // The server's clock, carried forward by the browser's: a browser clock set wrong does not matter.
    const skew = new Date(now).getTime() - Date.now();
    const tick = () => setLeft(end - (Date.now() + skew));
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [end, now]);
  return (
    <span data-testid={testId} data-ends-at={to} role="timer" aria-live="off">
      {left > 0 ? t("amendments.phases.left", { time: remainingText(i18n.language, left) }) : t("amendments.phases.ended")}
    </span>
  );
}
