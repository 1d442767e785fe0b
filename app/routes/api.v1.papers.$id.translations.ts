// GET  /api/v1/papers/:id/translations?lang=ku|en — the paper block by block with that language's
//      translations, each current, out of date (with the Arabic's diff since) or missing; progress per language.
// POST /api/v1/papers/:id/translations — save or confirm one block's translation (ADR 0063); a saved text
//      reaches the language's live document too (ADR 0074).
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { commandMeta } from "~/http/request.server";
import { parseInput } from "~/domain/errors";
import { readTranslations, saveTranslation } from "~/domain/translations.server";
import { SaveTranslationSchema, TranslationQuerySchema } from "~/domain/translations";

export const loader = api(async ({ request, params, user, services }) => {
  const { lang } = parseInput(TranslationQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "The query");
  return readTranslations(services.prisma, user, params.id!, lang);
});

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  return saveTranslation(services, user, params.id!, await readJson(request, SaveTranslationSchema), commandMeta(request, services));
});
