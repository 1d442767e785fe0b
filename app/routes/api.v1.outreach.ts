// GET /api/v1/outreach — the outreach log (filters: forceId, representationId, channel, from, to, openFollowUps, take, skip)
// POST /api/v1/outreach — log an entry
import { api } from "~/http/api.server";
import { conferenceParam, created, methodNotAllowed, queryIn, readObject } from "~/http/coordination-api.server";
import { OutreachFilter, createOutreach, listOutreach } from "~/domain/outreach.server";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ request, user, services }) => listOutreach(services.prisma, user, conferenceParam(request, user), queryIn(request, OutreachFilter)));

export const action = api(async ({ request, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  return created(await createOutreach(services.prisma, user, conferenceParam(request, user), await readObject(request), {}, { ip: clientIp(request) }));
});
