// The working paper's versions: save, list, view, compare, restore, and the automatic daily version.
// Transport-free: takes the Prisma client and the PaperStore (the live Yjs documents, server/collab),
// returns plain data, throws DomainError. Restores go through PaperStore.change, so they reach every
// open editor and the update log like any other edit; history is never rewritten (ADR 0017). Saving and
// restoring ask the policy themselves (ADR 0037), whoever calls them.
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import type { JSONContent } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { pruneToSchema } from "./paper-schema";
import type { PaperStore } from "../services.server";
import { PAPER_FRAGMENT } from "./paper-doc";
import { recordAudit, type AuditMeta } from "./audit.server";
import type { ActivityAction } from "./activity-kinds";
import { assertMay, DomainError, notFound } from "./errors";
import type { Actor } from "~/policy";
import { comparePapers, inlineText, type PaperDiff } from "./papers-diff";
import { VERSION_NAME_MAX } from "./papers";

export { VERSION_NAME_MAX };

export interface PaperDeps {
  prisma: PrismaClient;
  papers: PaperStore;
}


export interface PaperSummary {
  id: string;
  conferenceId: string;
  title: string;
  updatedAt: Date;
}

export interface OutlineEntry {
  level: number;
  text: string;
}

export interface VersionSummary {
  id: string;
  name: string;
  automatic: boolean;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
}

/** The conference's working paper (the first one, if a conference ever has several). */
export async function conferencePaper(prisma: PrismaClient, conferenceId: string): Promise<PaperSummary> {
  const paper = await prisma.paper.findFirst({
    where: { conferenceId },
    orderBy: { createdAt: "asc" },
    select: { id: true, conferenceId: true, title: true, updatedAt: true },
  });
  if (!paper) throw notFound("Paper");
  return paper;
}

/** ProseMirror JSON of a paper state (the shape the editor and the static renderer read). */
export function paperJson(doc: Y.Doc): JSONContent {
  return pruneToSchema(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(PAPER_FRAGMENT)) as JSONContent);
}

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
}

export function outlineOf(json: JSONContent): OutlineEntry[] {
  return (json.content ?? [])
    .filter((n) => n.type === "heading")
    .map((n) => ({ level: Number(n.attrs?.level ?? 2), text: inlineText(n) }));
}

/** The live text (through the PaperStore: the editors' current state, or the stored one). */
export async function currentContent(deps: PaperDeps, paperId: string): Promise<JSONContent> {
  const doc = await deps.papers.read(paperId);
  try {
    return paperJson(doc);
  } finally {
    doc.destroy();
  }
}

export function cleanVersionName(name: unknown): string {
  const s = typeof name === "string" ? name.replace(/\s+/g, " ").trim() : "";
  if (!s) throw new DomainError("bad_request", "A version needs a name", { field: "name", reason: "required" });
  if ([...s].length > VERSION_NAME_MAX) throw new DomainError("bad_request", `A version name has at most ${VERSION_NAME_MAX} characters`, { field: "name", reason: "tooLong" });
  return s;
}

/** Saves the paper's current full Yjs state under a name, as the acting member (`paper.version.save`). */
export async function saveVersion(deps: PaperDeps, actor: Actor, input: { paperId: string; name: unknown }, meta: AuditMeta = {}): Promise<VersionSummary> {
  const conferenceId = await paperConference(deps.prisma, input.paperId);
  assertMay(actor, "paper.version.save", { conferenceId });
  return keepVersion(deps, { paperId: input.paperId, conferenceId, name: input.name, userId: actor.id, automatic: false, ip: meta.ip });
}

/** Stores the current state under a name; the caller has asked the policy. */
async function keepVersion(
  deps: PaperDeps,
  input: { paperId: string; conferenceId: string; name: unknown; userId: string; automatic: boolean; ip?: string | null },
): Promise<VersionSummary> {
  const name = cleanVersionName(input.name);
  const doc = await deps.papers.read(input.paperId);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const v = await deps.prisma.paperVersion.create({
    data: { paperId: input.paperId, name, state: Buffer.from(state), automatic: input.automatic, createdById: input.userId },
  });
  await recordAudit(deps.prisma, {
    actorId: input.userId, action: "paper.version.save" satisfies ActivityAction, subjectType: "PaperVersion", subjectId: v.id, data: { paperId: input.paperId, name },
    conferenceId: input.conferenceId,
    ip: input.ip,
  });
  return { id: v.id, name: v.name, automatic: v.automatic, createdAt: v.createdAt, createdBy: await userRef(deps.prisma, input.userId) };
}

/** The paper's conference; an unknown paper is not found. */
async function paperConference(prisma: PrismaClient, paperId: string): Promise<string> {
  const paper = await prisma.paper.findUnique({ where: { id: paperId }, select: { conferenceId: true } });
  if (!paper) throw notFound("Paper");
  return paper.conferenceId;
}

async function userRef(prisma: PrismaClient, id: string) {
  const u = await prisma.user.findUnique({ where: { id }, select: { id: true, name: true } });
  return u ?? null;
}

/** Newest first, without the states. */
export async function listVersions(prisma: PrismaClient, paperId: string): Promise<VersionSummary[]> {
  const rows = await prisma.paperVersion.findMany({
    where: { paperId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, automatic: true, createdAt: true, createdById: true },
  });
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    automatic: r.automatic,
    createdAt: r.createdAt,
    createdBy: r.createdById ? users.get(r.createdById) ?? null : null,
  }));
}

export async function getVersion(prisma: PrismaClient, paperId: string, versionId: string): Promise<VersionSummary & { state: Uint8Array }> {
  const v = await prisma.paperVersion.findFirst({ where: { id: versionId, paperId } });
  if (!v) throw notFound("Version");
  return {
    id: v.id,
    name: v.name,
    automatic: v.automatic,
    createdAt: v.createdAt,
    createdBy: v.createdById ? await userRef(prisma, v.createdById) : null,
    state: new Uint8Array(v.state),
  };
}

export async function versionContent(prisma: PrismaClient, paperId: string, versionId: string): Promise<{ version: VersionSummary; content: JSONContent }> {
  const { state, ...version } = await getVersion(prisma, paperId, versionId);
  const doc = docFromState(state);
  try {
    return { version, content: paperJson(doc) };
  } finally {
    doc.destroy();
  }
}

/** "current" or a version id of this paper. */
export type PaperRef = "current" | string;

export async function contentAt(deps: PaperDeps, paperId: string, ref: PaperRef): Promise<JSONContent> {
  return ref === "current" ? currentContent(deps, paperId) : (await versionContent(deps.prisma, paperId, ref)).content;
}

/** Word-level comparison of two states of the paper (`from` older, `to` newer). */
export async function compareVersions(deps: PaperDeps, paperId: string, from: PaperRef, to: PaperRef): Promise<PaperDiff> {
  const [a, b] = await Promise.all([contentAt(deps, paperId, from), contentAt(deps, paperId, to)]);
  return comparePapers(a, b);
}

/** Makes `target`'s text equal to `source`'s with ordinary Yjs operations (delete all, insert copies). */
export function replaceContent(target: Y.Doc, source: Y.Doc) {
  const into = target.getXmlFragment(PAPER_FRAGMENT);
  const copies = source
    .getXmlFragment(PAPER_FRAGMENT)
    .toArray()
    .map((n) => n.clone() as Y.XmlElement | Y.XmlText);
  target.transact(() => {
    into.delete(0, into.length);
    into.insert(0, copies);
  });
}

/**
 * Restores a version as a new change on top of the current text. The text it replaces is first kept
 * as an automatic version (`keptAsName`), so a restore can itself be undone by restoring that one.
 */
export async function restoreVersion(
  deps: PaperDeps,
  actor: Actor,
  input: { paperId: string; versionId: string; keptAsName: string },
  meta: AuditMeta = {},
): Promise<{ restored: VersionSummary; kept: VersionSummary }> {
  const conferenceId = await paperConference(deps.prisma, input.paperId);
  assertMay(actor, "paper.version.restore", { conferenceId });
  const { state, ...restored } = await getVersion(deps.prisma, input.paperId, input.versionId);
  const kept = await keepVersion(deps, { paperId: input.paperId, conferenceId, name: input.keptAsName, userId: actor.id, automatic: true, ip: meta.ip });
  const source = docFromState(state);
  try {
    // The origin is the restoring user: the collab server records it as the update's author.
    await deps.papers.change(input.paperId, actor.id, (doc) => replaceContent(doc, source));
  } finally {
    source.destroy();
  }
  await recordAudit(deps.prisma, {
    actorId: actor.id, action: "paper.version.restore" satisfies ActivityAction, subjectType: "PaperVersion", subjectId: restored.id, data: { paperId: input.paperId, keptAs: kept.id },
    conferenceId,
    ip: meta.ip,
  });
  return { restored, kept };
}

// ——— Automatic daily versions ———

/** The UTC day a moment falls on, "YYYY-MM-DD": the name of that day's automatic version. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

// Per process: papers known to have today's automatic version, so the hot path asks the database once a
// day; and the check in flight per paper, so a burst of updates at the turn of the day makes one check.
const versionedToday = new Map<string, string>();
const checking = new Map<string, { day: string; done: Promise<VersionSummary | null> }>();

/**
 * Called when a paper changes (the collab server's persistence calls it after storing an update, and
 * restores/merges go through there too): on the first change of a UTC day, keeps the paper's state
 * as an automatic version named by that day. Idempotent across instances (advisory lock per paper).
 * Returns the new version, or null when the day already has one.
 */
export function ensureDailyVersion(deps: PaperDeps, paperId: string, now = new Date()): Promise<VersionSummary | null> {
  const day = dayOf(now);
  if (versionedToday.get(paperId) === day) return Promise.resolve(null);
  const inFlight = checking.get(paperId);
  // Joining a check under way: its first caller hears of a failure, the others need not repeat it.
  if (inFlight?.day === day) return inFlight.done.then(() => null, () => null);
  const done = keepDailyVersion(deps, paperId, day).finally(() => {
    if (checking.get(paperId)?.done === done) checking.delete(paperId);
  });
  checking.set(paperId, { day, done });
  return done;
}

async function keepDailyVersion(deps: PaperDeps, paperId: string, day: string): Promise<VersionSummary | null> {
  // Read the state before taking the lock: PaperStore.read may itself use the database.
  const doc = await deps.papers.read(paperId);
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  const created = await deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tawafuq.daily.${paperId}`}))`;
    const existing = await tx.paperVersion.findFirst({ where: { paperId, automatic: true, name: day }, select: { id: true } });
    if (existing) return null;
    return tx.paperVersion.create({ data: { paperId, name: day, state, automatic: true, createdById: null } });
  });
  versionedToday.set(paperId, day);
  return created ? { id: created.id, name: created.name, automatic: true, createdAt: created.createdAt, createdBy: null } : null;
}

/** For tests: forget which papers were versioned today in this process. */
export function forgetDailyVersions() {
  versionedToday.clear();
  checking.clear();
}
