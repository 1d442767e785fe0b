// A vote's record as CSV (issue 20, ADR 0058): what the reader may see of it on /votes, as a file for the
// minutes. A named vote lists each force's choice, who cast it and when; a secret vote only its tally
// (the ballots' forces are never written, not even who took part). Before publication only the chair
// (who sees live results) may export; everyone who reads votes may once the result is published.
import type { Locale } from "@prisma/client";
import { t } from "~/i18n";
import type { Actor } from "~/policy";
import { DomainError } from "../errors";
import { recordExport, type AuditMeta } from "../audit.server";
import { writeCsv } from "../csv.server";
import { iso, type Db } from "./common.server";
import { getVote, type VoteView } from "./votes.server";

export interface BallotLine {
  forceName: string;
  option: string;
  castBy: string;
  castAt: string;
}

export interface VoteRecord {
  vote: VoteView & { results: NonNullable<VoteView["results"]> };
  /** Null for a secret vote. */
  ballots: BallotLine[] | null;
  /** The amendments voted on, as /votes names them. */
  labels: Record<string, string>;
}

export async function voteRecord(db: Db, actor: Actor, voteId: string): Promise<VoteRecord> {
  const vote = await getVote(db, actor, voteId);
  if (!vote.results) throw new DomainError("forbidden", "The result is not published yet: until then only the chair exports the vote's record", { reason: "not_published" });
  let ballots: BallotLine[] | null = null;
  if (!vote.secret) {
    const rows = await db.$queryRaw<{ forceName: string; option: string; castBy: string; castAt: Date }[]>`
      SELECT coalesce(f."nameAr", b."forceId") AS "forceName", b.option, coalesce(u.name, '') AS "castBy", b."castAt"
      FROM "Ballot" b LEFT JOIN "Force" f ON f.id = b."forceId" LEFT JOIN "User" u ON u.id = b."castById"
      WHERE b."voteId" = ${voteId} ORDER BY f."nameAr", b."castAt"`;
    ballots = rows.map((r) => ({ ...r, castAt: iso(r.castAt)! }));
  }
  const amendments = await db.amendment.findMany({
    where: { id: { in: vote.amendmentIds } },
    select: { id: true, sectionTitle: true, proposedText: true, force: { select: { nameAr: true } } },
  });
  const labels = Object.fromEntries(amendments.map((a) => [a.id, `${a.force.nameAr} — ${a.sectionTitle ?? ""} ${a.proposedText.slice(0, 60)}`.trim()]));
  return { vote: { ...vote, results: vote.results }, ballots, labels };
}

/**
 * The record as CSV in the reader's language: the vote, its tally and result, then (named votes) one line
 * a force. Options are named in words (yes/no/abstain) or by their amendment's label; writeCsv adds the
 * BOM (Excel reads the Arabic as Arabic) and makes cells starting with = + - @ inert.
 */
export function voteRecordCsv({ vote, ballots, labels }: VoteRecord, locale: Locale): string {
  const w = (key: string, o?: Record<string, unknown>) => t(locale, `votes.record.${key}`, o);
  const option = (o: string) => labels[o] ?? t(locale, `votes.options.${o}`, { defaultValue: o });
  const yesNo = (b: boolean) => w(b ? "yes" : "no");
  const r = vote.results;
  const outcome =
    vote.subject === "AMENDMENT_BLOCK"
      ? r.winner
        ? t(locale, "votes.results.winner", { name: option(r.winner) })
        : t(locale, "votes.results.noWinner")
      : t(locale, r.passed ? "votes.results.passed" : "votes.results.rejected");
  const rows: string[][] = [
    [w("field"), w("value")],
    [w("vote"), vote.id],
    [w("subject"), t(locale, `votes.subjects.${vote.subject}`)],
    ...vote.amendmentIds.map((id) => [w("amendment"), labels[id] ?? id]),
    ...(vote.question ? [[w("question"), vote.question]] : []),
    [w("kind"), t(locale, vote.secret ? "votes.secret" : "votes.named")],
    [w("majority"), t(locale, `votes.majorities.${vote.majority}`)],
    [w("state"), t(locale, `votes.states.${vote.state}`)],
    [w("openedAt"), vote.openedAt],
    [w("closedAt"), vote.closedAt ?? ""],
    [w("publishedAt"), vote.publishedAt ?? ""],
    [],
    [w("option"), w("count")],
    ...vote.options.map((o) => [option(o), String(r.counts[o] ?? 0)]),
    [w("cast"), String(r.cast)],
    [w("present"), String(r.present)],
    [w("quorumPercent"), String(vote.quorumPercent)],
    [w("quorumNeeded"), String(r.quorumNeeded)],
    [w("quorumMet"), yesNo(r.quorumMet)],
    [w("result"), outcome],
  ];
  if (ballots) {
    rows.push([], [w("force"), w("choice"), w("castBy"), w("castAt")]);
    for (const b of ballots) rows.push([b.forceName, option(b.option), b.castBy, b.castAt]);
  }
  return writeCsv(rows);
}

/** The record as a file for this reader, its export written to the audit trail (the page and the API). */
export async function voteRecordFile(db: Db, actor: Actor, voteId: string, locale: Locale, meta: AuditMeta = {}) {
  const record = await voteRecord(db, actor, voteId);
  const { conferenceId, id } = record.vote;
  await recordExport(db, { actorId: actor.id, conferenceId, what: "vote", format: "csv", filters: `vote=${id}`, rows: record.ballots?.length ?? 0 }, meta);
  return { csv: voteRecordCsv(record, locale), baseName: `vote-${id}` };
}
