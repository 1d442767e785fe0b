// The steps of one amendment's page, by the form's `intent`: each reads its fields, runs one domain
// command and redirects back with a notice (post/redirect/get, so a reload repeats nothing).
import { redirect } from "@remix-run/node";
import type { SessionUser } from "~/domain/accounts.server";
import { addComment, discardDraft, recommend, reanchor, signOffStep, transition, updateDraft, type AmendmentDeps } from "~/domain/amendments.server";
import { layoutOf, selectionFrom } from "~/http/amendments-page.server";
import type { PaperStore } from "~/services.server";
import { formText } from "./page.server";

export interface AmendmentStep {
  deps: AmendmentDeps;
  papers: PaperStore;
  user: SessionUser;
  id: string;
  form: FormData;
}

const back = (id: string, notice: string, error?: string) => redirect(`/amendments/${id}?notice=${notice}${error ? `&error=${encodeURIComponent(error)}` : ""}`);
const version = (s: AmendmentStep) => formText(s.form, "version");

/** The selection the form sends, as offsets in the paper as it is now. */
async function selectionIn(s: AmendmentStep, paperId: string) {
  return selectionFrom(s.form, layoutOf(await s.papers.read(paperId)));
}

async function paperOf(s: AmendmentStep) {
  return (await s.deps.prisma.amendment.findUnique({ where: { id: s.id }, select: { paperId: true } }))?.paperId ?? null;
}

export const amendmentIntents: Record<string, (s: AmendmentStep) => Promise<Response>> = {
  async update(s) {
    const hasSelection = ["start", "end", "quote"].some((k) => String(s.form.get(k) ?? "").trim()) || s.form.get("block") !== null;
    // An unknown amendment is the domain's to refuse (not found), selection or not.
    const paperId = hasSelection ? await paperOf(s) : null;
    const sel = paperId ? await selectionIn(s, paperId) : {};
    await updateDraft(s.deps, s.user, s.id, {
      version: version(s),
      type: formText(s.form, "type"),
      proposedText: formText(s.form, "proposedText"),
      proposedTitle: formText(s.form, "proposedTitle"),
      rationale: formText(s.form, "rationale"),
      ...sel,
    });
    return back(s.id, "saved");
  },
  async submit(s) {
    await transition(s.deps, s.user, s.id, { to: "SUBMITTED", version: version(s) });
    return back(s.id, "submitted");
  },
  // The force's internal sign-off (ADR 0061): ask the lead to submit; the lead sends a draft back.
  async ask(s) {
    await signOffStep(s.deps, s.user, s.id, { step: "ask", note: formText(s.form, "note") ?? "", version: version(s) });
    return back(s.id, "asked");
  },
  async sendBack(s) {
    await signOffStep(s.deps, s.user, s.id, { step: "sendBack", note: formText(s.form, "note") ?? "", version: version(s) });
    return back(s.id, "sentBack");
  },
  async withdraw(s) {
    await transition(s.deps, s.user, s.id, { to: "WITHDRAWN", note: formText(s.form, "note"), version: version(s) });
    return back(s.id, "withdrawn");
  },
  async discard(s) {
    const v = version(s);
    await discardDraft(s.deps, s.user, s.id, v ? Number(v) : undefined);
    return redirect("/amendments?notice=discarded");
  },
  async review(s) {
    await transition(s.deps, s.user, s.id, { to: "UNDER_REVIEW", version: version(s) });
    return back(s.id, "saved");
  },
  async recommend(s) {
    await recommend(s.deps, s.user, s.id, { recommendation: formText(s.form, "recommendation"), note: formText(s.form, "note") ?? "" });
    return back(s.id, "recommended");
  },
  async decide(s) {
    const f = s.form;
    const r = await transition(s.deps, s.user, s.id, {
      to: formText(f, "decision"),
      note: formText(f, "note"),
      decidedText: formText(f, "decidedText") || undefined,
      merge: f.get("merge") === "on",
      version: version(s),
    });
    // The decision stands and the merge did not apply: one notice says both (not "nothing changed").
    if (r.mergeRefused) return back(s.id, "decidedNotMerged");
    return back(s.id, r.state === "MERGED" ? "merged" : "decided");
  },
  async merge(s) {
    await transition(s.deps, s.user, s.id, { to: "MERGED", version: version(s) });
    return back(s.id, "merged");
  },
  async reanchor(s) {
    const paperId = await paperOf(s);
    if (!paperId) throw new Response("Not found", { status: 404 });
    await reanchor(s.deps, s.user, s.id, { ...(await selectionIn(s, paperId)), version: version(s) });
    return back(s.id, "reanchored");
  },
  async comment(s) {
    await addComment(s.deps, s.user, s.id, { body: formText(s.form, "body") ?? "", internal: s.form.get("internal") === "on" });
    return back(s.id, "commented");
  },
};
