// GET /api/v1/conferences/:id/invitations/dashboard — the figures of the dashboard page.
import { api } from "~/lib/api.server";
import { dashboardFigures } from "~/domain/invitations.server";

export const loader = api(async ({ params, user, services }) => dashboardFigures(services.prisma, user, params.id!));
