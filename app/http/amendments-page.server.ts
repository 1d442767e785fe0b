// Shared by the amendment pages: the domain's dependencies from the load context, the paper a page
// is about, form parsing, and turning domain errors into a form answer the page can show.
import { type AppLoadContext } from "@remix-run/node";
import type { AmendmentState } from "@prisma/client";
import type { AmendmentDeps } from "~/domain/amendments.server";
import { consolidatedTable, listFilters, papersOf } from "~/domain/amendments.server";
import { requireMember } from "~/context.server";
import { recordExport } from "~/domain/audit.server";
import { localeOf } from "~/locale.server";
import { pageQuery, parseQuery } from "~/domain/query-params";
import { z } from "zod";
import { DomainError } from "~/domain/errors";
import { layoutOf, type PaperLayout } from "~/domain/anchors";
import { clientIp } from "~/http/request.server";

/** With the request, writes are audited with the client's address. */
export function amendmentDeps(context: AppLoadContext, request?: Request): AmendmentDeps {
  const { prisma, papers, realtime, mail } = context.services;
  return { prisma, papers, realtime, mail, ...(request ? { ip: clientIp(request) } : {}) };
}

/** The paper of the page: ?paper=<id> when it belongs to the conference, else the conference's first. */
export async function pagePaper(request: Request, context: AppLoadContext, conferenceId: string) {
  const papers = await papersOf(context.services.prisma, conferenceId);
  const wanted = new URL(request.url).searchParams.get("paper");
  const paper = papers.find((p) => p.id === wanted) ?? papers[0];
  if (!paper) throw new Response("This conference has no paper yet", { status: 404 });
  return { paper, papers };
}

/** The blocks of the paper with their offsets, as the proposal and re-anchor forms show them. */
export function blocksWithOffsets(layout: PaperLayout) {
  return layout.blocks.map((b) => ({ index: b.index, type: b.type, level: b.level ?? null, text: b.text, start: b.start, end: b.end }));
}
export type OffsetBlock = ReturnType<typeof blocksWithOffsets>[number];

/** What the amendment pages add to their addresses besides the filters. */
export const AMENDMENT_PAGE_PARAMS = {
  /** The paper chosen (pagePaper). */
  paper: z.string().max(64).optional(),
  /** The notice a redirect after an action shows. */
  notice: z.string().max(40).optional(),
  /** The table's print layout. */
  print: z.literal("1").optional(),
};

/**
 * The states each notice reports: a notice the amendment has since moved on from (someone else's step,
 * seen live or on reload) is not shown, so the page never says "submitted" over a decision. Unlisted
 * notices (a comment sent) fit every state.
 */
const NOTICE_STATES: Record<string, readonly AmendmentState[]> = {
  created: ["DRAFT"],
  saved: ["DRAFT", "UNDER_REVIEW"],
  asked: ["DRAFT"],
  sentBack: ["DRAFT"],
  submitted: ["SUBMITTED"],
  withdrawn: ["WITHDRAWN"],
  recommended: ["UNDER_REVIEW"],
  decided: ["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED"],
  decidedNotMerged: ["ACCEPTED", "ACCEPTED_WITH_CHANGES"],
  merged: ["MERGED"],
  reanchored: ["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "ACCEPTED_WITH_CHANGES"],
};
export const noticeFits = (notice: string, state: AmendmentState) => !Object.hasOwn(NOTICE_STATES, notice) || NOTICE_STATES[notice]!.includes(state);

/**
 * Query-string filters: empty values mean "all". Strict (ADR 0033): unknown names and bad values are
 * a DomainError for the API; `page` lists what a page adds (AMENDMENT_PAGE_PARAMS), and pages answer 400.
 */
export function filtersFrom(url: URL, page?: Partial<typeof AMENDMENT_PAGE_PARAMS>) {
  if (page) pageQuery(listFilters.extend(page), url.searchParams);
  else parseQuery(listFilters, url.searchParams);
  const out: Record<string, string> = {};
  for (const k of ["section", "forceId", "forceKind", "type", "state"]) {
    const v = url.searchParams.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/**
 * The selection a form names: explicit offsets (filled by the page's selection script or typed), else
 * a phrase looked up in the chosen paragraph, else the whole paragraph.
 */
export function selectionFrom(form: FormData, layout: PaperLayout): { start: number; end: number } {
  const start = String(form.get("start") ?? "").trim();
  const end = String(form.get("end") ?? "").trim();
  if (start !== "" && end !== "") return { start: Number(start), end: Number(end) };
  const blockIndex = Number(form.get("block"));
  const block = Number.isInteger(blockIndex) ? layout.blocks[blockIndex] : undefined;
  if (!block) throw new DomainError("bad_request", "Choose a paragraph or select text", { reason: "selection" });
  const quote = String(form.get("quote") ?? "").trim();
  if (!quote) return { start: block.start, end: block.end };
  const at = block.text.indexOf(quote);
  if (at < 0) throw new DomainError("bad_request", "The phrase is not in that paragraph", { reason: "selection" });
  return { start: block.start + at, end: block.start + at + quote.length };
}

/**
 * The selection a proposal form sends: positions taken in the live paper (the /paper panel) as
 * { anchor }, else offsets, a paragraph and a phrase as selectionFrom reads them.
 */
export async function proposalSelection(form: FormData, layout: () => Promise<PaperLayout>) {
  const start = form.get("anchorStart");
  // The domain's schema checks the positions (base64, all three present).
  if (start !== null) return { anchor: { start, end: form.get("anchorEnd"), quote: form.get("anchorQuote") } };
  return selectionFrom(form, await layout());
}

export { layoutOf };


/** What the table's downloads (CSV, DOCX, PDF) share: the policy, the page's filters, the audit record. */
export async function tableForExport(request: Request, context: AppLoadContext, format: "csv" | "docx" | "pdf") {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const { paper } = await pagePaper(request, context, conference.id);
  const url = new URL(request.url);
  const table = await consolidatedTable(amendmentDeps(context), user, paper.id, filtersFrom(url, { paper: AMENDMENT_PAGE_PARAMS.paper }));
  await recordExport(context.services.prisma, { actorId: user.id, conferenceId: conference.id, what: "amendments", format, filters: url.searchParams.toString() }, { ip: clientIp(request) });
  return { table, locale: await localeOf(request, user.locale) };
}
