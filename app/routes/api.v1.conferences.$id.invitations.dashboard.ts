// GET /api/v1/conferences/:id/invitations/dashboard — the figures of the dashboard page.
import { z } from "zod";
import { api } from "~/http/api.server";
import { parseQuery } from "~/domain/query-params";
import { dashboardFigures } from "~/domain/invitations.server";

export const loader = api(async ({ request, params, user, services }) => {
  parseQuery(z.object({}), new URL(request.url).searchParams);
  return dashboardFigures(services.prisma, user, params.id!);
});
