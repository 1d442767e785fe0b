// GET /api/v1/search?q=…&kinds=force,paper&limit=8 — one search, grouped by kind, filtered by the policy module
import { api } from "~/http/api.server";
import { conferenceParam, methodNotAllowed, queryIn } from "~/http/coordination-api.server";
import { SearchQuery, search } from "~/domain/search.server";

export const loader = api(async ({ request, user, services }) => {
  const q = queryIn(request, SearchQuery);
  return search(services.prisma, user, conferenceParam(request, user), q.q, { kinds: q.kinds, limit: q.limit });
});

export const action = async () => methodNotAllowed("GET");
