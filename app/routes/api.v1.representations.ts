// GET /api/v1/representations — grouped by area (ARAB, EUROPE, AMERICA, OTHER)
// POST /api/v1/representations — create one (one per country)
import { clientIp } from "~/http/request.server";
import { api } from "~/http/api.server";
import { conferenceParam, noQuery, created, methodNotAllowed, readObject } from "~/http/coordination-api.server";
import { createRepresentation, representationsByArea } from "~/domain/representations.server";

export const loader = api(async ({ request, user, services }) => (noQuery(request), { areas: await representationsByArea(services.prisma, user, conferenceParam(request, user)) }));

export const action = api(async ({ request, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  return created(await createRepresentation(services.prisma, user, conferenceParam(request, user), await readObject(request), { ip: clientIp(request) }));
});
