// POST /api/v1/conferences/:id/attendance/codes — organizers give every confirmed delegation member without
// a check-in code one (for badges and mail); the roster in GET …/attendance lists them.
import { commandMeta } from "~/http/request.server";
import { api, methodNotAllowed } from "~/http/api.server";
import { issueCheckInCodes } from "~/domain/conference-day/attendance.server";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return { issued: await issueCheckInCodes(services.prisma, user, params.id!, commandMeta(request, services)) };
});
