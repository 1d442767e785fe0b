// GET  /api/v1/conferences/:id/invitations — list with the forces' filters, status, attention, paging
// POST /api/v1/conferences/:id/invitations — invite a force (starts as CANDIDATE)
import { commandMeta } from "~/http/request.server";
import { json } from "@remix-run/node";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { createInvitation, listInvitations, parseInvitationQuery } from "~/domain/invitations.server";
import { InvitationCreateSchema } from "~/domain/invitations-schema";

export const loader = api(async ({ request, params, user, services }) => {
  const list = await listInvitations(services.prisma, user, params.id!, parseInvitationQuery(new URL(request.url).searchParams));
  return { data: list.rows, page: list.page };
});

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const inv = await createInvitation(services.prisma, user, params.id!, await readJson(request, InvitationCreateSchema), commandMeta(request, services));
  return json(inv, { status: 201 });
});
