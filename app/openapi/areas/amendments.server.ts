// OpenAPI for the amendments to a conference's working paper (issue 5): request bodies and the list's
// filters are the zod schemas the domain validates with (app/domain/amendments/schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { draftInput, listFilters, recommendationInput, transitionInput } from "~/domain/amendments/schema";
import { amendmentStates, amendmentTypes } from "~/domain/amendment-states";
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
  createdAt: instant,
  updatedAt: instant,
  overlapGroup: z.number().int().nullable().meta({ description: "Amendments whose anchors intersect share a number" }),
  audience: z.enum(["staff", "observer", "force", "public"]),
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
      200: json(z.object({ amendment: AmendmentRef, diff: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() })) }), "Amendment view"),
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
      ...error(403, "Not allowed, or outside the amendment window (details.reason window_*)"),
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
}
