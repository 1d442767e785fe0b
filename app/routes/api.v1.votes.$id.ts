// GET /api/v1/votes/:id — one vote with its results as the caller may see them (ADR 0053)
import { api, methodNotAllowed } from "~/http/api.server";
import { getVote } from "~/domain/conference-day/votes.server";

export const loader = api(async ({ params, user, services }) => getVote(services.prisma, user, params.id!));

export const action = api(async () => methodNotAllowed("GET"));
