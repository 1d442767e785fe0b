// POST   /api/v1/conferences/:id/attendance/close — close check-in: confirmed invitations nobody came for are NO_SHOW (ADR 0068)
// DELETE /api/v1/conferences/:id/attendance/close — reopen check-in (NO_SHOW stays)
import { commandMeta } from "~/http/request.server";
import { api, methodNotAllowed } from "~/http/api.server";
import { closeCheckIn, reopenCheckIn } from "~/domain/conference-day/attendance.server";

export const loader = api(async () => methodNotAllowed("POST", "DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method === "POST") return closeCheckIn(services.prisma, user, params.id!, commandMeta(request, services));
  if (request.method === "DELETE") return reopenCheckIn(services.prisma, user, params.id!, commandMeta(request, services));
  return methodNotAllowed("POST", "DELETE");
});
