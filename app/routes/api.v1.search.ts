// GET /api/v1/search?q=…&kinds=force,paper&limit=8 — one search, grouped by kind, filtered by the policy module
import { z } from "zod";
import { api } from "~/lib/api.server";
import { conferenceParam, methodNotAllowed, queryIn } from "~/lib/coordination-api.server";
import { search } from "~/domain/search.server";
import { searchKinds } from "~/domain/coordination-enums";

export const SearchQuery = z.object({
  q: z.string().max(200),
  kinds: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((k) => k.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(searchKinds)).optional()),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const loader = api(async ({ request, user, services }) => {
  const q = queryIn(request, SearchQuery);
  return search(services.prisma, user, conferenceParam(request, user), q.q, { kinds: q.kinds, limit: q.limit });
});

export const action = async () => methodNotAllowed(["GET"]);
