// Runs the scheduled jobs (app/domain/mail/scheduled.server.ts) every MAIL_TICK (default 1 minute). A
// job that throws is logged and tried again at the next tick; one slow tick never overlaps the next.
import type { PrismaClient } from "@prisma/client";
import type { Logger } from "pino";
import type { JobContext, ScheduledJob } from "../../app/domain/mail/scheduled.server.js";
import type { MailContext } from "../../app/domain/mail/outbox.server.js";
import type { Realtime } from "../../app/services.server.js";

export interface Ticker {
  /** Runs every job once now (tests, and the first tick after start). */
  runOnce(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

export function startTicker(
  jobs: ScheduledJob[],
  deps: { prisma: PrismaClient; mail: MailContext; realtime?: Pick<Realtime, "emit">; log: Logger; everyMs: number; clock?: () => Date },
): Ticker {
  let running: Promise<number> | null = null;
  let stopped = false;
  const runOnce = (now = deps.clock?.() ?? new Date()) =>
    (running ??= (async () => {
      let made = 0;
      const ctx: JobContext = { prisma: deps.prisma, mail: deps.mail, realtime: deps.realtime, now };
      for (const job of jobs) {
        if (stopped) break;
        try {
          const n = await job.run(ctx);
          made += n;
          if (n) deps.log.info({ job: job.name, made: n }, "scheduled job made mail or notices");
        } catch (err) {
          deps.log.error({ err, job: job.name }, "scheduled job failed; retried at the next tick");
        }
      }
      if (made) deps.mail.wake?.();
      return made;
    })().finally(() => (running = null)));
  const timer = setInterval(() => void runOnce(), deps.everyMs);
  timer.unref();
  const first = setTimeout(() => void runOnce(), Math.min(5_000, deps.everyMs));
  first.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running?.catch(() => 0);
    },
  };
}
