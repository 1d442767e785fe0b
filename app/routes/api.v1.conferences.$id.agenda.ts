// GET /api/v1/conferences/:id/agenda — the conference's agenda in order, as the caller may see it (ADR 0054).
import { api } from "~/http/api.server";
import { listAgenda } from "~/domain/agenda.server";

export const loader = api(async ({ params, user, services }) => listAgenda(services.prisma, user, params.id!));
