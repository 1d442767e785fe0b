// Parallel translations of the working paper, block by block (issue 19, ADR 0063). Transport-free: the
// Prisma client in, plain data out, DomainError on refusal; asks the policy itself (ADR 0037).
// A translation belongs to a block id (ADR 0062) and a language and keeps the Arabic it was made from;
// it is out of date while the block's Arabic differs from that, until a translator confirms or updates it.
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import type { Realtime, TranslationDocStore } from "~/services.server";
import { rooms } from "./rooms";
import { recordAudit, type AuditMeta } from "./audit.server";
import { assertMay, DomainError, notFound, parseInput } from "./errors";
import { refreshPaperText } from "./paper-text.server";
import { wordDiff, type DiffPart } from "./word-diff";
import {
  LiveTranslationSchema, SaveTranslationSchema, TRANSLATION_CHANGED, translationLanguages, type SaveTranslationInput, type TranslationChangedEvent, type TranslationLanguage, type TranslationStatus,
} from "./translations";

export interface TranslationMeta extends AuditMeta {
  /** Told after a commit: the translations pages open in this conference reload the block. */
  realtime?: Pick<Realtime, "emit">;
}

export interface TranslatedBlock {
  blockId: string;
  kind: string;
  /** The block's Arabic now. */
  arabic: string;
  status: TranslationStatus;
  translation: { text: string; sourceText: string; version: number; updatedAt: Date; updatedBy: string | null } | null;
  /** Out of date: the Arabic's word diff from the translation's source to now. */
  diff: DiffPart[] | null;
}

export interface TranslationProgress {
  language: TranslationLanguage;
  /** Blocks with Arabic text to translate (empty paragraphs need none). */
  total: number;
  current: number;
  outdated: number;
  missing: number;
}

export function statusOf(arabic: string, translation: { sourceText: string } | null): TranslationStatus {
  if (!translation) return "missing";
  return translation.sourceText === arabic ? "current" : "outdated";
}

async function paperConference(prisma: PrismaClient, paperId: string): Promise<string> {
  const paper = await prisma.paper.findUnique({ where: { id: paperId }, select: { conferenceId: true } });
  if (!paper) throw notFound("Paper");
  return paper.conferenceId;
}

/** The paper's conference, once the actor may translate in it. */
async function translatorsPaper(prisma: PrismaClient, actor: Actor, paperId: string): Promise<string> {
  const conferenceId = await paperConference(prisma, paperId);
  assertMay(actor, "paper.translate", { conferenceId });
  return conferenceId;
}

/** The block's Arabic now (the text index brought up to date first); not_found when the paper has no such block. */
async function arabicNow(prisma: PrismaClient, paperId: string, blockId: string): Promise<{ text: string }> {
  await refreshPaperText(prisma, paperId);
  const block = await prisma.paperTextBlock.findFirst({ where: { paperId, blockId }, select: { text: true } });
  if (!block) throw new DomainError("not_found", "No such block in the paper", { reason: "noBlock" });
  return block;
}

/** The paper's blocks (fresh from the paper), with the language's translations and their state. */
export async function translatedBlocks(prisma: PrismaClient, paperId: string, language: TranslationLanguage): Promise<TranslatedBlock[]> {
  await refreshPaperText(prisma, paperId);
  const [blocks, rows] = await Promise.all([
    prisma.paperTextBlock.findMany({ where: { paperId }, orderBy: { position: "asc" }, select: { blockId: true, kind: true, text: true } }),
    prisma.paperTranslation.findMany({ where: { paperId, language } }),
  ]);
  const byBlock = new Map(rows.map((r) => [r.blockId, r]));
  const userIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => !!id))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return blocks.map((b) => {
    const row = byBlock.get(b.blockId) ?? null;
    const status = statusOf(b.text, row);
    return {
      blockId: b.blockId,
      kind: b.kind,
      arabic: b.text,
      status,
      translation: row && { text: row.text, sourceText: row.sourceText, version: row.version, updatedAt: row.updatedAt, updatedBy: (row.updatedById && names.get(row.updatedById)) ?? null },
      diff: row && status === "outdated" ? wordDiff(row.sourceText, b.text) : null,
    };
  });
}

/** What a reader of the paper may read of one language's translations (API): the blocks and the progress. */
export async function readTranslations(
  prisma: PrismaClient,
  actor: Actor,
  paperId: string,
  language: TranslationLanguage,
): Promise<{ paper: { id: string; conferenceId: string }; language: TranslationLanguage; progress: TranslationProgress[]; blocks: TranslatedBlock[] }> {
  const conferenceId = await paperConference(prisma, paperId);
  assertMay(actor, "paper.read", { conferenceId });
  const blocks = await translatedBlocks(prisma, paperId, language);
  return { paper: { id: paperId, conferenceId }, language, progress: await translationProgress(prisma, paperId, { refreshed: true }), blocks };
}

/**
 * Per language: how many blocks with Arabic text are translated and current, out of date, missing.
 * `refreshed`: the caller has just brought the text index up to date (translatedBlocks does).
 */
export async function translationProgress(prisma: PrismaClient, paperId: string, { refreshed = false } = {}): Promise<TranslationProgress[]> {
  if (!refreshed) await refreshPaperText(prisma, paperId);
  const [blocks, rows] = await Promise.all([
    prisma.paperTextBlock.findMany({ where: { paperId }, select: { blockId: true, text: true } }),
    prisma.paperTranslation.findMany({ where: { paperId }, select: { blockId: true, language: true, sourceText: true } }),
  ]);
  const toTranslate = blocks.filter((b) => b.text.trim());
  return translationLanguages.map((language) => {
    const mine = new Map(rows.filter((r) => r.language === language).map((r) => [r.blockId, r]));
    const counts = { current: 0, outdated: 0, missing: 0 };
    for (const b of toTranslate) counts[statusOf(b.text, mine.get(b.blockId) ?? null)]++;
    return { language, total: toTranslate.length, ...counts };
  });
}

/**
 * Writes (intent "save") or confirms (intent "confirm": the text stands for the Arabic as it is now) a
 * block's translation; either way its source becomes the block's current Arabic. `version` is the
 * row's version the translator saw: someone else's save in between is a stale_version, never lost.
 */
export async function saveTranslation(
  deps: { prisma: PrismaClient; translationDocs?: TranslationDocStore },
  actor: Actor,
  paperId: string,
  input: SaveTranslationInput | Record<string, unknown>,
  meta: TranslationMeta = {},
): Promise<{ blockId: string; language: TranslationLanguage; version: number; status: TranslationStatus }> {
  const { prisma } = deps;
  const conferenceId = await translatorsPaper(prisma, actor, paperId);
  const data = parseInput(SaveTranslationSchema, input, "The translation");
  const block = await arabicNow(prisma, paperId, data.blockId);
  const key = { paperId_blockId_language: { paperId, blockId: data.blockId, language: data.language } };
  const row = await prisma.paperTranslation.findUnique({ where: key, select: { id: true, version: true, text: true } });
  const stale = () => new DomainError("stale_version", "Someone changed this translation in the meantime", { reason: "stale", version: row?.version });
  if (data.intent === "confirm" && !row) throw new DomainError("bad_request", "There is no translation to confirm", { reason: "nothing", fieldErrors: { text: ["required"] } });
  if (row && data.version !== row.version) throw stale();
  const now = new Date();
  let version: number;
  if (!row) {
    try {
      await prisma.paperTranslation.create({ data: { paperId, blockId: data.blockId, language: data.language, text: data.text!, sourceText: block.text, updatedById: actor.id, updatedAt: now } });
    } catch (err) {
      // Two first translations at once: the second is told, as with any other concurrent save.
      if ((err as { code?: string }).code === "P2002") throw stale();
      throw err;
    }
    version = 1;
  } else {
    const text = data.intent === "save" ? data.text! : row.text;
    const { count } = await prisma.paperTranslation.updateMany({
      where: { id: row.id, version: row.version },
      data: { text, sourceText: block.text, version: { increment: 1 }, updatedById: actor.id, updatedAt: now },
    });
    if (count !== 1) throw stale();
    version = row.version + 1;
  }
  await recordAudit(prisma, {
    actorId: actor.id,
    action: data.intent === "confirm" ? "paper.translation.confirm" : "paper.translation.save",
    subjectType: "PaperTranslation",
    subjectId: `${data.blockId}:${data.language}`,
    data: { paperId, blockId: data.blockId, language: data.language, version },
    conferenceId,
    ip: meta.ip,
  });
  // The live document follows (ADR 0074): translators typing in the block see the saved text.
  if (data.intent === "save") await deps.translationDocs?.setText(paperId, data.language, data.blockId, data.text!, actor.id);
  meta.realtime?.emit(rooms.all(conferenceId), TRANSLATION_CHANGED, { conferenceId, paperId, blockId: data.blockId, language: data.language, version } satisfies TranslationChangedEvent);
  return { blockId: data.blockId, language: data.language, version, status: "current" };
}

/**
 * The live document's text of a block, written through to its row (ADR 0074; the collab server calls
 * this, debounced, as the translator who typed). The document is the truth while it is edited live, so
 * there is no version to match: the row takes the text, counts as saved against the block's Arabic now
 * (up to date) and its version moves on, so a form opened before is refused as stale. Text emptied out
 * removes the row (the block's translation is missing again). Unchanged text that is already up to date
 * writes nothing.
 */
export async function writeLiveTranslation(
  deps: { prisma: PrismaClient },
  actor: Actor,
  paperId: string,
  input: { blockId: string; language: string; text: string },
  meta: TranslationMeta = {},
): Promise<{ blockId: string; language: TranslationLanguage; version: number | null; status: TranslationStatus } | null> {
  const { prisma } = deps;
  const conferenceId = await translatorsPaper(prisma, actor, paperId);
  const data = parseInput(LiveTranslationSchema, input, "The translation");
  const block = await arabicNow(prisma, paperId, data.blockId);
  const key = { paperId_blockId_language: { paperId, blockId: data.blockId, language: data.language } };
  const row = await prisma.paperTranslation.findUnique({ where: key, select: { text: true, sourceText: true } });
  if (!data.text && !row) return null;
  if (row && row.text === data.text && row.sourceText === block.text) return null;
  const now = new Date();
  let version: number | null = null;
  if (!data.text) {
    await prisma.paperTranslation.deleteMany({ where: { paperId, blockId: data.blockId, language: data.language } });
  } else {
    const saved = await prisma.paperTranslation.upsert({
      where: key,
      create: { paperId, blockId: data.blockId, language: data.language, text: data.text, sourceText: block.text, updatedById: actor.id, updatedAt: now },
      update: { text: data.text, sourceText: block.text, version: { increment: 1 }, updatedById: actor.id, updatedAt: now },
      select: { version: true },
    });
    version = saved.version;
  }
  await recordAudit(prisma, {
    actorId: actor.id,
    action: data.text ? "paper.translation.save" : "paper.translation.clear",
    subjectType: "PaperTranslation",
    subjectId: `${data.blockId}:${data.language}`,
    data: { paperId, blockId: data.blockId, language: data.language, version, live: true },
    conferenceId,
    ip: meta.ip,
  });
  meta.realtime?.emit(rooms.all(conferenceId), TRANSLATION_CHANGED, { conferenceId, paperId, blockId: data.blockId, language: data.language, version: version ?? 0 } satisfies TranslationChangedEvent);
  return { blockId: data.blockId, language: data.language, version, status: data.text ? "current" : "missing" };
}

/** A language's translations of the paper by block id, for exports (their status is judged against the exported text). */
export async function translationsByBlock(prisma: PrismaClient, paperId: string, language: TranslationLanguage): Promise<Map<string, { text: string; sourceText: string }>> {
  const rows = await prisma.paperTranslation.findMany({ where: { paperId, language }, select: { blockId: true, text: true, sourceText: true } });
  return new Map(rows.map((r) => [r.blockId, { text: r.text, sourceText: r.sourceText }]));
}
