// One search across the conference (ADR 0041): forces, people, invitations, amendments, outreach entries,
// plan items, representations and the working paper's text. The query is folded in JS (foldArabic); each
// table's text is folded in SQL by tq_fold(), the same function, and matched with ILIKE over a trigram
// index. What a user may read is decided per kind by the policy module, in the SQL (so hidden rows are
// never fetched) and again on every hit before it leaves this module.
import { z } from "zod";
import { Prisma, type AmendmentState, type PrismaClient } from "@prisma/client";
import type { Actor, Action } from "~/policy";
import { may, membershipIn } from "~/policy";
import { foldArabic, likePattern } from "~/domain/arabic";
import { refreshConferencePapers } from "./paper-text.server";
import { audienceOf } from "./amendments.server";
import { decidedStates } from "./amendment-states";

import { searchKinds, type SearchKind } from "./coordination-enums";
export { searchKinds, type SearchKind };

/** Where each kind's hits are read, and the action that lets a user read them. */
const readAction: Record<SearchKind, Action> = {
  force: "force.read",
  person: "force.read",
  invitation: "invitation.read",
  amendment: "amendment.read",
  outreach: "outreach.read",
  plan: "plan.read",
  representation: "representation.read",
  paper: "paper.read",
};

/**
 * Folded text of each table, written exactly as the trigram indexes of migration 20261129004000 are
 * (the planner matches index expressions literally; tests/integration/search.test.ts checks each is used).
 */
export const foldedText = {
  outreach: `tq_fold(o."summary" || ' ' || o."participants" || ' ' || coalesce(o."outcome", '') || ' ' || coalesce(o."followUp", ''))`,
  plan: `tq_fold(pl."goal" || ' ' || coalesce(pl."paperSection", ''))`,
  representation: `tq_fold(r."country" || ' ' || coalesce(r."city", '') || ' ' || r."representatives" || ' ' || coalesce(r."contacts", '') || ' ' || coalesce(r."notes", ''))`,
  contact: `tq_fold(c."name" || ' ' || coalesce(c."role", '') || ' ' || coalesce(c."email", '') || ' ' || coalesce(c."phone", '') || ' ' || coalesce(c."messaging", ''))`,
  delegationMember: `tq_fold(d."name" || ' ' || coalesce(d."role", ''))`,
  invitationNote: `tq_fold(coalesce(i."note", ''))`,
  // The committee's amended text (decidedText) is left out: forces may read it only once decisions are published.
  amendment: `tq_fold(coalesce(a."sectionTitle", '') || ' ' || coalesce(a."proposedTitle", '') || ' ' || coalesce(a."quotedText", '') || ' ' || a."proposedText" || ' ' || a."rationale")`,
  paper: `tq_fold(b."text")`,
  // Force names, contacts and notes, folded by the forces directory into its own column.
  force: `f."searchText"`,
} as const;

export interface Segment {
  text: string;
  mark: boolean;
}

export interface ForceRef {
  id: string;
  nameAr: string;
  nameKu: string | null;
  nameEn: string | null;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  href: string;
  title: string;
  force: ForceRef | null;
  /** Small facts shown beside the title (status, type, channel, day…), as enum values the UI translates. */
  meta: Record<string, string | null>;
  snippet: Segment[] | null;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** More hits exist than were returned. */
  more: boolean;
}

export interface SearchResult {
  query: string;
  terms: string[];
  tooShort: boolean;
  groups: SearchGroup[];
}

export const MIN_QUERY_LENGTH = 2;

/** The API's query: the words, which kinds (comma-separated), hits per kind. */
export const SearchQuery = z.object({
  q: z.string().max(200),
  kinds: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((k) => k.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(searchKinds)).optional())
    .meta({ description: `Comma-separated subset of ${searchKinds.join(", ")}` }),
  limit: z.coerce.number().int().min(1).max(50).optional().meta({ description: "Hits per kind" }),
});
const MAX_TERMS = 6;

/** Links of each kind of result, in one place. */
/** One search result: what it is, where the reader goes, and what is shown of it. */
function hit(kind: SearchKind, id: string, href: string, title: string, force: ForceRef | null, meta: SearchHit["meta"], snippet: SearchHit["snippet"]): SearchHit {
  return { kind, id, href, title, force, meta, snippet };
}

export const hrefs = {
  force: (id: string) => `/outreach/forces/${id}`,
  contact: (forceId: string, id: string) => `/outreach/forces/${forceId}#contact-${id}`,
  delegationMember: (invitationId: string) => `/invitations/${invitationId}`,
  invitation: (id: string) => `/invitations/${id}`,
  amendment: (id: string) => `/amendments/${id}`,
  outreach: (id: string) => `/outreach/${id}`,
  plan: (id: string) => `/plans/${id}`,
  representation: (id: string) => `/representations/${id}`,
  paper: (position: number) => `/paper#block-${position}`,
};

type Scope = { all: true } | { all: false; forceId: string } | null;

/** What of a kind the actor may read: all of it, one force's, or nothing. */
function scopeOf(actor: Actor, action: Action, conferenceId: string): Scope {
  if (may(actor, action, { conferenceId, forceId: null })) return { all: true };
  const own = membershipIn(actor, conferenceId)?.forceId;
  if (own && may(actor, action, { conferenceId, forceId: own })) return { all: false, forceId: own };
  return null;
}

/** Splits a query into folded terms; every term must occur (in any order). */
export function searchTerms(q: string): string[] {
  return foldArabic(q)
    .split(" ")
    .map((t) => t.replace(/^[«»"“”'‘’()[\]{}.,،؛;:!?؟]+|[«»"“”'‘’()[\]{}.,،؛;:!?؟]+$/g, ""))
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

function matchAll(expr: string, terms: string[]): Prisma.Sql {
  return Prisma.join(
    terms.map((t) => Prisma.sql`${Prisma.raw(expr)} ILIKE ${likePattern(t)}`),
    " AND ",
  );
}

const forceOnly = (column: string, scope: Exclude<Scope, null>) => (scope.all ? Prisma.empty : Prisma.sql` AND ${Prisma.raw(column)} = ${scope.forceId}`);

// ---------------------------------------------------------------------------------------------
// Snippets: the original text around the first match, with every match inside marked. Folding can drop
// characters (harakat, tatweel), so positions are mapped back from the folded text to the original.

function foldedWithMap(text: string): { folded: string; map: number[] } {
  let folded = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (folded.length && !folded.endsWith(" ")) {
        folded += " ";
        map.push(i);
      }
    } else {
      for (const f of foldArabic(ch)) {
        folded += f;
        map.push(i);
      }
    }
    i += ch.length;
  }
  return { folded, map };
}

export function snippet(text: string, terms: string[], radius = 70): Segment[] | null {
  if (!text) return null;
  const { folded, map } = foldedWithMap(text);
  const ranges: [number, number][] = [];
  for (const t of terms) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(t, from);
      if (at < 0) break;
      const start = map[at]!;
      const lastFolded = at + t.length - 1;
      // End after the last original character of the match, including marks folded away after it.
      let end = map[lastFolded]! + 1;
      const nextMapped = lastFolded + 1 < map.length ? map[lastFolded + 1]! : text.length;
      while (end < nextMapped && !/\s/.test(text[end]!)) end++;
      ranges.push([start, end]);
      from = at + Math.max(t.length, 1);
    }
  }
  if (!ranges.length) return null;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const first = merged[0]!;
  const winStart = Math.max(0, first[0] - radius);
  const winEnd = Math.min(text.length, first[1] + radius * 2);
  const out: Segment[] = [];
  let cursor = winStart;
  if (winStart > 0) out.push({ text: "…", mark: false });
  for (const [s, e] of merged) {
    if (s >= winEnd) break;
    if (s > cursor) out.push({ text: text.slice(cursor, s), mark: false });
    out.push({ text: text.slice(Math.max(s, cursor), Math.min(e, winEnd)), mark: true });
    cursor = Math.min(e, winEnd);
  }
  if (cursor < winEnd) out.push({ text: text.slice(cursor, winEnd), mark: false });
  if (winEnd < text.length) out.push({ text: "…", mark: false });
  return out;
}

/** The first of several texts that contains a match, as a snippet. */
function firstSnippet(texts: (string | null | undefined)[], terms: string[]): Segment[] | null {
  for (const t of texts) {
    const s = t ? snippet(t, terms) : null;
    if (s) return s;
  }
  return null;
}

const dayOf = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : null);

// ---------------------------------------------------------------------------------------------

export interface SearchOptions {
  /** Hits per kind (default 8; up to 50 when one kind is asked for). */
  limit?: number;
  kinds?: SearchKind[];
}

export async function search(prisma: PrismaClient, actor: Actor, conferenceId: string, q: string, opts: SearchOptions = {}): Promise<SearchResult> {
  const query = q.trim().slice(0, 200);
  const terms = searchTerms(query);
  const tooShort = terms.join(" ").length < MIN_QUERY_LENGTH;
  if (!membershipIn(actor, conferenceId) || tooShort) return { query, terms, tooShort, groups: [] };
  const limit = Math.min(Math.max(opts.limit ?? 8, 1), 50);
  const take = limit + 1;
  const kinds = opts.kinds?.length ? opts.kinds : searchKinds;
  const groups: SearchGroup[] = [];

  for (const kind of kinds) {
    // Amendments follow the amendments area's own rule (drafts, published decisions): see amendmentRunner.
    const scope = kind === "amendment" ? ({ all: true } as const) : scopeOf(actor, readAction[kind], conferenceId);
    if (!scope) continue;
    let hits: SearchHit[] = await runners[kind](prisma, conferenceId, terms, scope, take, actor);
    // Second line of defence: nothing leaves that the policy would not let this user read.
    if (kind !== "amendment") hits = hits.filter((h) => may(actor, readAction[kind], { conferenceId, forceId: h.force?.id ?? null }));
    if (hits.length) groups.push({ kind, hits: hits.slice(0, limit), more: hits.length > limit });
  }
  return { query, terms, tooShort, groups };
}

type Runner = (prisma: PrismaClient, conferenceId: string, terms: string[], scope: Exclude<Scope, null>, take: number, actor: Actor) => Promise<SearchHit[]>;

const forceRef = (r: { forceId: string | null; nameAr: string | null; nameKu: string | null; nameEn: string | null }): ForceRef | null =>
  r.forceId && r.nameAr ? { id: r.forceId, nameAr: r.nameAr, nameKu: r.nameKu, nameEn: r.nameEn } : null;

const runners: Record<SearchKind, Runner> = {
  async force(prisma, conferenceId, terms, scope, take) {
    const rows = await prisma.$queryRaw<{ id: string; nameAr: string; nameKu: string | null; nameEn: string | null; kind: string; archived: boolean; notes: string | null; city: string | null }[]>`
      SELECT f."id", f."nameAr", f."nameKu", f."nameEn", f."kind"::text AS "kind", f."archivedAt" IS NOT NULL AS "archived", f."notes", f."city"
      FROM "Force" f
      WHERE f."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.force, terms)}${forceOnly(`f."id"`, scope)}
      ORDER BY f."archivedAt" IS NOT NULL, f."nameAr", f."id" LIMIT ${take}`;
    return rows.map((r) => hit(
      "force",
      r.id,
      hrefs.force(r.id),
      r.nameAr,
      { id: r.id, nameAr: r.nameAr, nameKu: r.nameKu, nameEn: r.nameEn },
      { forceKind: r.kind, archived: r.archived ? "1" : null, city: r.city },
      firstSnippet([r.nameAr, r.nameKu, r.nameEn, r.notes], terms),
    ));
  },

  async person(prisma, conferenceId, terms, scope, take, actor) {
    const contacts = await prisma.$queryRaw<{ id: string; name: string; role: string | null; forceId: string; nameAr: string; nameKu: string | null; nameEn: string | null }[]>`
      SELECT c."id", c."name", c."role", c."forceId", f."nameAr", f."nameKu", f."nameEn"
      FROM "Contact" c JOIN "Force" f ON f."id" = c."forceId"
      WHERE f."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.contact, terms)}${forceOnly(`c."forceId"`, scope)}
      ORDER BY c."name", c."id" LIMIT ${take}`;
    const hits: SearchHit[] = contacts.map((r) => hit(
      "person",
      r.id,
      hrefs.contact(r.forceId, r.id),
      r.name,
      forceRef(r),
      { role: r.role, source: "contact" },
      firstSnippet([r.name, r.role], terms),
    ));
    // Named delegates are part of an invitation: readable by whoever may read that invitation.
    const invScope = scopeOf(actor, "invitation.read", conferenceId);
    if (invScope) {
      const members = await prisma.$queryRaw<{ id: string; name: string; role: string | null; invitationId: string; forceId: string; nameAr: string; nameKu: string | null; nameEn: string | null }[]>`
        SELECT d."id", d."name", d."role", d."invitationId", i."forceId", f."nameAr", f."nameKu", f."nameEn"
        FROM "DelegationMember" d JOIN "Invitation" i ON i."id" = d."invitationId" JOIN "Force" f ON f."id" = i."forceId"
        WHERE i."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.delegationMember, terms)}${forceOnly(`i."forceId"`, invScope)}
        ORDER BY d."name", d."id" LIMIT ${take}`;
      for (const r of members) {
        if (!may(actor, "invitation.read", { conferenceId, forceId: r.forceId })) continue;
        hits.push(hit("person", r.id, hrefs.delegationMember(r.invitationId), r.name, forceRef(r), { role: r.role, source: "delegation" }, firstSnippet([r.name, r.role], terms)));
      }
    }
    return hits.slice(0, take);
  },

  async invitation(prisma, conferenceId, terms, scope, take) {
    const rows = await prisma.$queryRaw<{ id: string; status: string; note: string | null; forceId: string; nameAr: string; nameKu: string | null; nameEn: string | null }[]>`
      SELECT i."id", i."status"::text AS "status", i."note", i."forceId", f."nameAr", f."nameKu", f."nameEn"
      FROM "Invitation" i JOIN "Force" f ON f."id" = i."forceId"
      WHERE i."conferenceId" = ${conferenceId}
        AND ((${matchAll(foldedText.force, terms)}) OR (${matchAll(foldedText.invitationNote, terms)}))${forceOnly(`i."forceId"`, scope)}
      ORDER BY f."nameAr", i."id" LIMIT ${take}`;
    return rows.map((r) => hit("invitation", r.id, hrefs.invitation(r.id), r.nameAr, forceRef(r), { status: r.status }, firstSnippet([r.note], terms)));
  },

  // Who sees which amendment is the amendments area's rule (audienceOf, ADR 0030): a draft only its force
  // (and whoever entered it); submitted ones the office, observers and the force; decided ones every
  // member once decisions are published. The same rule is written into the SQL, then applied to each hit.
  async amendment(prisma, conferenceId, terms, _scope, take, actor) {
    const m = membershipIn(actor, conferenceId);
    if (!m) return [];
    const conference = await prisma.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { decisionsPublishedAt: true } });
    const own = m.forceId;
    const visible: Prisma.Sql[] = [Prisma.sql`(a."state" = 'DRAFT' AND (a."createdById" = ${actor.id}${own ? Prisma.sql` OR a."forceId" = ${own}` : Prisma.empty}))`];
    if (may(actor, "amendment.read", { conferenceId, forceId: null })) visible.push(Prisma.sql`a."state" <> 'DRAFT'`);
    else if (own && may(actor, "amendment.read", { conferenceId, forceId: own })) visible.push(Prisma.sql`(a."forceId" = ${own} AND a."state" <> 'DRAFT')`);
    if (conference.decisionsPublishedAt) visible.push(Prisma.sql`a."state"::text IN (${Prisma.join([...decidedStates])})`);
    const rows = await prisma.$queryRaw<{ id: string; type: string; state: AmendmentState; createdById: string; sectionTitle: string | null; proposedTitle: string | null; quotedText: string | null; proposedText: string; rationale: string; forceId: string; nameAr: string; nameKu: string | null; nameEn: string | null }[]>`
      SELECT a."id", a."type"::text AS "type", a."state", a."createdById", a."sectionTitle", a."proposedTitle", a."quotedText", a."proposedText", a."rationale", a."forceId", f."nameAr", f."nameKu", f."nameEn"
      FROM "Amendment" a JOIN "Paper" p ON p."id" = a."paperId" JOIN "Force" f ON f."id" = a."forceId"
      WHERE p."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.amendment, terms)} AND (${Prisma.join(visible, " OR ")})
      ORDER BY a."submittedAt" DESC NULLS LAST, a."id" LIMIT ${take}`;
    return rows
      .filter((r) => audienceOf(actor, { state: r.state, forceId: r.forceId, createdById: r.createdById, paper: { conferenceId } } as unknown as Parameters<typeof audienceOf>[1], conference))
      .map((r) => hit(
        "amendment",
        r.id,
        hrefs.amendment(r.id),
        r.proposedTitle || r.sectionTitle || r.proposedText.slice(0, 80) || r.type,
        forceRef(r),
        { type: r.type, state: r.state },
        firstSnippet([r.proposedText, r.proposedTitle, r.quotedText, r.rationale, r.sectionTitle], terms),
      ));
  },

  async outreach(prisma, conferenceId, terms, scope, take) {
    const rows = await prisma.$queryRaw<{ id: string; occurredOn: Date; channel: string; summary: string; participants: string; outcome: string | null; followUp: string | null; forceId: string | null; nameAr: string | null; nameKu: string | null; nameEn: string | null; country: string | null }[]>`
      SELECT o."id", o."occurredOn", o."channel"::text AS "channel", o."summary", o."participants", o."outcome", o."followUp", o."forceId", f."nameAr", f."nameKu", f."nameEn", r."country"
      FROM "OutreachEntry" o LEFT JOIN "Force" f ON f."id" = o."forceId" LEFT JOIN "Representation" r ON r."id" = o."representationId"
      WHERE o."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.outreach, terms)}${forceOnly(`o."forceId"`, scope)}
      ORDER BY o."occurredOn" DESC, o."id" LIMIT ${take}`;
    return rows.map((r) => hit(
      "outreach",
      r.id,
      hrefs.outreach(r.id),
      r.nameAr ?? r.country ?? r.summary.slice(0, 80),
      forceRef(r),
      { channel: r.channel, day: dayOf(r.occurredOn), country: r.country },
      firstSnippet([r.summary, r.outcome, r.followUp, r.participants], terms),
    ));
  },

  async plan(prisma, conferenceId, terms, scope, take) {
    const rows = await prisma.$queryRaw<{ id: string; goal: string; horizon: string; status: string; dueOn: Date | null; paperSection: string | null; forceId: string | null; nameAr: string | null; nameKu: string | null; nameEn: string | null }[]>`
      SELECT pl."id", pl."goal", pl."horizon"::text AS "horizon", pl."status"::text AS "status", pl."dueOn", pl."paperSection", pl."forceId", f."nameAr", f."nameKu", f."nameEn"
      FROM "PlanItem" pl LEFT JOIN "Force" f ON f."id" = pl."forceId"
      WHERE pl."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.plan, terms)}${forceOnly(`pl."forceId"`, scope)}
      ORDER BY pl."dueOn" ASC NULLS LAST, pl."id" LIMIT ${take}`;
    return rows.map((r) => hit(
      "plan",
      r.id,
      hrefs.plan(r.id),
      r.goal.slice(0, 120),
      forceRef(r),
      { horizon: r.horizon, status: r.status, day: dayOf(r.dueOn) },
      firstSnippet([r.goal, r.paperSection], terms),
    ));
  },

  async representation(prisma, conferenceId, terms, scope, take) {
    if (!scope.all) return [];
    const rows = await prisma.$queryRaw<{ id: string; country: string; area: string; city: string | null; status: string; representatives: string; contacts: string | null; notes: string | null }[]>`
      SELECT r."id", r."country", r."area"::text AS "area", r."city", r."status", r."representatives", r."contacts", r."notes"
      FROM "Representation" r
      WHERE r."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.representation, terms)}
      ORDER BY r."country", r."id" LIMIT ${take}`;
    return rows.map((r) => hit(
      "representation",
      r.id,
      hrefs.representation(r.id),
      r.country,
      null,
      { area: r.area, status: r.status, city: r.city },
      firstSnippet([r.country, r.city, r.representatives, r.contacts, r.notes], terms),
    ));
  },

  async paper(prisma, conferenceId, terms, scope, take) {
    if (!scope.all) return [];
    await refreshConferencePapers(prisma, conferenceId);
    const rows = await prisma.$queryRaw<{ id: string; paperId: string; title: string; position: number; kind: string; sectionTitle: string; text: string }[]>`
      SELECT b."id", b."paperId", p."title", b."position", b."kind", b."sectionTitle", b."text"
      FROM "PaperTextBlock" b JOIN "Paper" p ON p."id" = b."paperId"
      WHERE p."conferenceId" = ${conferenceId} AND ${matchAll(foldedText.paper, terms)}
      ORDER BY p."createdAt", b."paperId", b."position" LIMIT ${take}`;
    return rows.map((r) => hit(
      "paper",
      r.id,
      hrefs.paper(r.position),
      r.kind === "heading" ? r.text : r.sectionTitle || r.title,
      null,
      { paper: r.title, block: r.kind },
      snippet(r.text, terms),
    ));
  },
};
