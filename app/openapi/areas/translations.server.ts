// OpenAPI for the paper's translations per block (issue 19, ADR 0063): the request schemas are the ones
// the domain validates with (app/domain/translations.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { SaveTranslationSchema, translationLanguages } from "~/domain/translations";

const DiffPart = z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() });

export function register({ registry, schema, errors, error, tag }: ApiRegistry) {
  tag("Translations", "Kurdish and English translations of the working paper, block by block; the Arabic stays authoritative");
  const Progress = schema("TranslationProgress", z.object({ language: z.enum(translationLanguages), total: z.number().int(), current: z.number().int(), outdated: z.number().int(), missing: z.number().int() }));
  const Block = schema(
    "TranslatedBlock",
    z.object({
      blockId: z.string(),
      kind: z.string(),
      arabic: z.string().meta({ description: "The block's Arabic now" }),
      status: z.enum(["current", "outdated", "missing"]),
      translation: z.object({ text: z.string(), sourceText: z.string().meta({ description: "The Arabic it was made from" }), version: z.number().int(), updatedAt: z.string(), updatedBy: z.string().nullable() }).nullable(),
      diff: z.array(DiffPart).nullable().meta({ description: "Out of date: the Arabic's word diff from sourceText to now" }),
    }),
  );
  const paper = z.object({ id: z.string().meta({ description: "Paper id" }) });
  registry.registerPath({
    method: "get",
    path: "/api/v1/papers/{id}/translations",
    tags: ["Translations"],
    summary: "The paper block by block with one language's translations and their state (anyone who reads the paper)",
    request: { params: paper, query: z.object({ lang: z.enum(translationLanguages) }) },
    responses: {
      200: json(z.object({ paper: z.object({ id: z.string(), conferenceId: z.string() }), language: z.enum(translationLanguages), progress: z.array(Progress), blocks: z.array(Block) }), "The blocks"),
      ...errors(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/papers/{id}/translations",
    tags: ["Translations"],
    summary: "Save (intent save) or confirm (intent confirm) one block's translation (organizers and committee)",
    description:
      "Either way the translation's source becomes the block's Arabic now. `version` is the translation's version the translator saw (absent for a first one): 409 `stale_version` when someone saved in between, and nothing changes. 404 for a block not in the paper. A saved text also replaces the block's text in the language's live document, which translators co-edit in the browser (ADR 0074); their typing is written back to the translation, moving its version on.",
    request: { params: paper, ...body(SaveTranslationSchema) },
    responses: {
      200: json(z.object({ blockId: z.string(), language: z.enum(translationLanguages), version: z.number().int(), status: z.literal("current") }), "Saved"),
      ...errors(400, 401, 403, 404),
      ...error(409, "stale_version: someone saved this translation meanwhile; nothing changed"),
    },
  });
}
