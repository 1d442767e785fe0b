// GET    /api/v1/conferences/:id/attendance — the board: forces and members expected and present, by kind and region
// POST   /api/v1/conferences/:id/attendance { "code": "…" } | { "memberId": "…", "substituteFor"?: "…" } — check in
// DELETE /api/v1/conferences/:id/attendance?memberId=… — undo a check-in
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { attendanceBoard, checkIn, undoCheckIn } from "~/domain/conference-day/attendance.server";
import { CheckInSchema } from "~/domain/conference-day/schema";

export const loader = api(async ({ params, user, services }) => attendanceBoard(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method === "POST") return checkIn(services.prisma, user, params.id!, await readJson(request, CheckInSchema), commandMeta(request, services));
  if (request.method === "DELETE") {
    const memberId = new URL(request.url).searchParams.get("memberId") ?? "";
    return undoCheckIn(services.prisma, user, params.id!, { memberId }, commandMeta(request, services));
  }
  return methodNotAllowed("GET", "POST", "DELETE");
});
