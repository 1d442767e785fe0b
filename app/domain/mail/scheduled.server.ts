// Work that falls due with time rather than with a request (issue 18): confirmation reminders, the
// organizers' overdue digest, follow-ups and plan items due, daily notification digests. The server's
// ticker (server/mail/ticker.ts) runs every job on every instance; each job is idempotent by itself
// (dedupe keys on the outbox and on notifications), so several instances or a restart send nothing twice.
import type { PrismaClient } from "@prisma/client";
import type { Realtime } from "~/services.server";
import type { MailContext } from "./outbox.server";
import { confirmationReminders, overdueDigest } from "./reminders.server";
import { notificationJobs } from "../notifications/jobs.server";

export interface JobContext {
  prisma: PrismaClient;
  mail: MailContext;
  realtime?: Pick<Realtime, "emit">;
  now: Date;
}

export interface ScheduledJob {
  name: string;
  /** Returns how many mails or notices it created (for the log). */
  run(ctx: JobContext): Promise<number>;
}

/** Every job, in the order the ticker runs them. */
export const scheduledJobs: ScheduledJob[] = [
  // Confirmation reminders and the organizers' overdue digest (ADR 0052).
  confirmationReminders,
  overdueDigest,
  // Follow-ups due, plan items overdue, then the daily digests (ADR 0051).
  ...notificationJobs,
];
