// Staged and running CSV imports, kept in this process's memory: a checked file waits here for the
// organizer's confirmation (so it is uploaded once), then runs with progress the page can poll.
// One instance holds its own jobs; with several instances behind a balancer, sticky sessions keep an
// organizer on the instance that checked the file (or the job is reported as expired: nothing lost).
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { commitImport, type ImportPreview, type ImportResult } from "~/domain/force-csv.server";
import type { InvitationMeta } from "~/domain/invitations.server";
import { DomainError } from "~/domain/errors";

export interface ImportJob {
  id: string;
  userId: string;
  conferenceId: string;
  createdAt: number;
  preview: ImportPreview;
  state: "ready" | "running" | "done" | "failed";
  done: number;
  total: number;
  result?: ImportResult;
  error?: string;
}

const TTL = 30 * 60_000;
const g = globalThis as unknown as { __tawafuqImportJobs?: Map<string, ImportJob> };
const jobs = (g.__tawafuqImportJobs ??= new Map());

function sweep() {
  const now = Date.now();
  for (const [id, j] of jobs) if (j.state !== "running" && now - j.createdAt > TTL) jobs.delete(id);
}

export function stageImport(userId: string, conferenceId: string, preview: ImportPreview): ImportJob {
  sweep();
  const job: ImportJob = { id: randomBytes(12).toString("base64url"), userId, conferenceId, createdAt: Date.now(), preview, state: "ready", done: 0, total: preview.rows.length };
  jobs.set(job.id, job);
  return job;
}

/** Only the organizer who checked the file sees or runs its job. */
export function findJob(id: string | null, userId: string): ImportJob | undefined {
  const j = id ? jobs.get(id) : undefined;
  return j && j.userId === userId ? j : undefined;
}

/** Starts writing in the background; the page polls the job for progress. */
export function runImport(prisma: PrismaClient, actor: Actor, job: ImportJob, meta: Pick<InvitationMeta, "realtime"> = {}) {
  if (job.state !== "ready") return;
  job.state = "running";
  const onProgress = (done: number, total: number) => {
    job.done = done;
    job.total = total;
  };
  void commitImport(prisma, actor, job.conferenceId, job.preview, { ...meta, onProgress })
    .then((result) => {
      job.state = "done";
      job.result = result;
    })
    .catch((err: unknown) => {
      job.state = "failed";
      job.done = 0;
      job.error = err instanceof DomainError ? err.message : "The database refused the import";
    })
    .finally(() => {
      // The staged rows are no longer needed; keep only the outcome.
      job.preview = { ...job.preview, rows: [] };
    });
}
