// The kinds of document the collab server holds (ADR 0010, 0074), by name: a paper ("<paperId>") and a
// paper's translation into one language ("<paperId>:<language>"). The name is the room, the bus channel,
// the URL after /collab/ and the key of the stored rows; everything kind-specific is decided here.
import type { TranslationLanguage } from "../../app/domain/translations.js";
import { parseTranslationDocName } from "../../app/server-exports.server.js";
import { paperRules, translationRules, type DocRules } from "./update-guard.js";

export type DocRef = { kind: "paper"; name: string; paperId: string } | { kind: "translation"; name: string; paperId: string; language: TranslationLanguage };

const PAPER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The document a name stands for, or null when it names none. */
export function parseDocName(name: string): DocRef | null {
  if (PAPER_ID.test(name)) return { kind: "paper", name, paperId: name };
  const t = parseTranslationDocName(name);
  return t && { kind: "translation", name, ...t };
}

/** What a writer's update may hold in the document (update-guard.ts). */
export function rulesFor(ref: DocRef, paperRoots: ReadonlySet<string>): DocRules {
  return ref.kind === "paper" ? paperRules(paperRoots) : translationRules;
}

/** The policy action that lets a reader of the paper write into the document (the gate and reauth.ts). */
export function writeActionFor(ref: DocRef): "paper.edit" | "paper.translate" {
  return ref.kind === "paper" ? "paper.edit" : "paper.translate";
}

/** Where the document is stored (persistence.ts): the paper's own tables, or the translations'. */
export function tablesFor(ref: DocRef): { updates: string; snapshots: string; key: string } {
  return ref.kind === "paper"
    ? { updates: `"PaperUpdate"`, snapshots: `"PaperSnapshot"`, key: `"paperId"` }
    : { updates: `"TranslationUpdate"`, snapshots: `"TranslationSnapshot"`, key: `"docId"` };
}
