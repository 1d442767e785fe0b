// OpenAPI for the amendments to a conference's working paper (issue 5): request bodies and the list's
// filters are the zod schemas the domain validates with (app/domain/amendments/schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { draftInput, leadInput, listFilters, phaseInput, recommendationInput, signOffInput, transitionInput } from "~/domain/amendments/schema";
import { amendmentStates, amendmentTypes, draftSteps } from "~/domain/amendment-states";
import { forceKinds } from "~/domain/force-enums";

const instant = z.iso.datetime();
const recommendations = recommendationInput.shape.recommendation.options;

/** An amendment as its reader may see it (AmendmentSummary in app/domain/amendments/views.server.ts). */
const Amendment = z.object({
  id: z.string(),
  paperId: z.string(),
  force: z.object({ id: z.string(), kind: z.enum(forceKinds), nameAr: z.string(), nameKu: z.string().nullable(), nameEn: z.string().nullable() }),
  type: z.enum(amendmentTypes),
  state: z.enum(amendmentStates),
  version: z.number().int(),
  proposedTitle: z.string().nullable(),
  proposedText: z.string(),
  rationale: z.string(),
  anchor: z.object({
    status: z.enum(["intact", "changed", "orphaned"]),
    quote: z.string(),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    textNow: z.string().nullable(),
    sectionTitle: z.string().nullable(),
  }),
  sectionTitle: z.string().nullable(),
  sectionIndex: z.number().int().nullable(),
  position: z.number().int(),
  recommendation: z.enum(recommendations).nullable().meta({ description: "null for forces until decisions are published" }),
  recommendationNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedText: z.string().nullable(),
  decidedAt: instant.nullable(),
  submittedAt: instant.nullable(),
  askedForSubmission: z.boolean().meta({ description: "A draft its delegates asked the force's lead to submit (ADR 0061)" }),
  createdAt: instant,
  updatedAt: instant,
  overlapGroup: z.number().int().nullable().meta({ description: "Amendments whose anchors intersect share a number" }),
  audience: z.enum(["staff", "observer", "force", "public"]),
});

const person = z.object({ id: z.string(), name: z.string() });
/** The force's sign-off as the reader may see it (SignOffView in views.server.ts, ADR 0061). */
const SignOff = z.object({
  stage: z.enum(["drafting", "askedForSubmission"]).nullable().meta({ description: "null once submitted" }),
  lead: person.nullable().meta({ description: "The force's lead delegate; null: any delegate submits" }),
  requestedBy: person.nullable(),
  requestedAt: instant.nullable(),
  signedOffBy: person.nullable().meta({ description: "Who submitted (signed off) for the force" }),
  signedOffAt: instant.nullable(),
  phase: z.object({ id: z.string(), name: z.string(), number: z.number().int() }).nullable().meta({ description: "The phase it was submitted in" }),
});
const phaseRef = z.object({ id: z.string(), name: z.string(), number: z.number().int(), openAt: instant, closeAt: instant });
/** Where the amendment window stands (windowView in queries.server.ts). */
const Window = z.object({
  state: z.enum(["unset", "notYetOpen", "open", "closed"]).meta({ description: "closed also between two phases" }),
  now: instant.meta({ description: "The server's clock, for a countdown" }),
  current: phaseRef.nullable(),
  next: phaseRef.nullable(),
  last: phaseRef.nullable().meta({ description: "The phase that closed last" }),
});

const selection =
  'The selection is either `start`/`end` (offsets into the paper\'s plain text, blocks joined by "\\n") or `anchor` (Yjs relative positions taken in a live copy of the paper, ADR 0050). An anchor holds against edits made since it was taken: the server finds the same characters in its document, or answers 409 `anchorGone`/`anchorChanged`; positions of another document are 400 `anchorForeign`; bad base64 or an empty selection are 400.';

export function register({ registry, schema, errors, error, tag }: ApiRegistry) {
  tag(
    "Amendments",
    "Per-force amendments to the working paper. `details.reason` of an error names the rule that refused (e.g. `window_closed`, `mergeChanged`, `selection`, `stale`). Offsets count characters of the paper's plain text, blocks joined by a line break.",
  );
  const tags = ["Amendments"];
  const AmendmentRef = schema("Amendment", Amendment);
  const DraftInput = schema("DraftInput", draftInput.meta({ description: selection }));
  const TransitionInput = schema("TransitionInput", transitionInput);
  const RecommendationInput = schema("RecommendationInput", recommendationInput);
  const SignOffInput = schema("SignOffInput", signOffInput);
  const PhaseInput = schema("PhaseInput", phaseInput);
  const LeadInput = schema("LeadInput", leadInput);
  const SignOffRef = schema("SignOff", SignOff);
  const WindowRef = schema("AmendmentWindow", Window);
  const paperParams = z.object({ id: z.string().meta({ description: "Paper id" }) });
  const params = z.object({ id: z.string().meta({ description: "Amendment id" }) });

  registry.registerPath({
    method: "get",
    path: "/api/v1/papers/{id}/amendments",
    tags,
    summary: "The paper's amendments the caller may see, in paper order",
    request: { params: paperParams, query: listFilters },
    responses: {
      200: json(
        z.object({
          paper: z.object({ id: z.string(), title: z.string(), conferenceId: z.string() }),
          amendments: z.array(AmendmentRef),
          sections: z.array(z.object({ index: z.number().int(), title: z.string() })),
          counts: z.record(z.enum(amendmentStates), z.number().int()),
        }),
        "List",
      ),
      ...errors(400, 401, 404),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/papers/{id}/amendments",
    tags,
    summary: "New draft on behalf of the caller's force",
    request: { params: paperParams, ...body(DraftInput) },
    responses: { 201: json(z.object({ amendment: AmendmentRef }), "Created (state DRAFT)"), ...errors(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/amendments/{id}",
    tags,
    summary: "One amendment as the caller may see it: resolved anchor, word diff, paper after, thread, history",
    request: { params },
    responses: {
      200: json(
        z.object({
          amendment: AmendmentRef,
          diff: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() })),
          signOff: SignOffRef,
          window: WindowRef,
          clause: z
            .object({
              blockId: z.string(),
              arabic: z.string(),
              translations: z.array(z.object({ language: z.enum(["ku", "en"]), text: z.string().nullable(), status: z.enum(["current", "outdated", "missing"]) })),
            })
            .nullable()
            .meta({ description: "The anchored clause now, with its Kurdish and English translations (the Arabic is authoritative); null when the anchor no longer resolves" }),
        }),
        "Amendment view",
      ),
      ...errors(401, 404),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/amendments/{id}/transitions",
    tags,
    summary: "Change the state: submit/withdraw (the force), review/decide/merge (the committee)",
    request: { params, ...body(TransitionInput) },
    responses: {
      200: json(
        z.object({
          state: z.enum(amendmentStates),
          mergeRefused: z.string().optional().meta({ description: "Set when a decision asked to merge at once and the merge was refused (the decision stands)" }),
          amendment: AmendmentRef,
        }),
        "New state",
      ),
      ...errors(400, 401, 404),
      ...error(403, "Not allowed (submitting: the force's lead, or any delegate when it names none), or outside the amendment window: details.reason window_*, with details.closedAt (when it closed) and details.opensAt (the next phase)"),
      ...error(409, "Illegal transition, stale version, or merge refused because the anchor changed/was deleted (nothing changed)"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/amendments/{id}/recommendation",
    tags,
    summary: "The committee's recommendation, kept apart from the decision (moves SUBMITTED to UNDER_REVIEW)",
    request: { params, ...body(RecommendationInput) },
    responses: { 200: json(z.object({ amendment: AmendmentRef }), "Saved"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/amendments/{id}/sign-off",
    tags,
    summary: "The force's internal sign-off: ask the lead to submit a draft (a delegate), or send it back with a note (the lead)",
    description: `Steps: ${draftSteps.join(", ")}. The lead (or, when the force names none, any delegate) submits with /transitions { to: SUBMITTED }. 409 \`noLead\` when asking a force without a lead, \`signOffStage\` when the draft is not at that step.`,
    request: { params, ...body(SignOffInput) },
    responses: {
      200: json(z.object({ stage: z.enum(["drafting", "askedForSubmission"]), amendment: AmendmentRef, signOff: SignOffRef }), "Done"),
      ...errors(400, 401, 403, 404, 409),
    },
  });
  const confParams = z.object({ id: z.string().meta({ description: "Conference id" }) });
  const PhaseOut = z.object({ id: z.string(), name: z.string(), openAt: instant, closeAt: instant });
  registry.registerPath({
    method: "get",
    path: "/api/v1/conferences/{id}/amendment-phases",
    tags,
    summary: "The amendment phases (first reading, second reading…) and where the window stands now",
    request: { params: confParams },
    responses: { 200: json(z.object({ phases: z.array(phaseRef), window: WindowRef }), "Phases in opening order"), ...errors(401, 403) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/conferences/{id}/amendment-phases",
    tags,
    summary: "Add a phase (organizers); phases may not overlap (409 phaseOverlap), at most 12",
    request: { params: confParams, ...body(PhaseInput) },
    responses: { 201: json(PhaseOut, "Created"), ...errors(400, 401, 403, 409) },
  });
  const phaseParams = z.object({ id: z.string().meta({ description: "Conference id" }), phaseId: z.string() });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/conferences/{id}/amendment-phases/{phaseId}",
    tags,
    summary: "Change a phase's name and times (organizers)",
    request: { params: phaseParams, ...body(PhaseInput) },
    responses: { 200: json(PhaseOut, "Saved"), ...errors(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/conferences/{id}/amendment-phases/{phaseId}",
    tags,
    summary: "Delete a phase (organizers); amendments submitted in it stay submitted",
    request: { params: phaseParams },
    responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/conferences/{id}/forces/{forceId}/lead",
    tags,
    summary: "Name the force's lead delegate, who signs off its amendments, or none (organizers, or the current lead)",
    request: { params: z.object({ id: z.string().meta({ description: "Conference id" }), forceId: z.string() }), ...body(LeadInput) },
    responses: { 200: json(z.object({ forceId: z.string(), leadDelegateId: z.string().nullable() }), "Saved"), ...errors(400, 401, 403, 404) },
  });
}
