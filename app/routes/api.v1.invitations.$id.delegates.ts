// POST /api/v1/invitations/:id/delegates — name a delegate or substitute { version, name, … }
import { commandMeta } from "~/http/request.server";
import { json } from "@remix-run/node";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { addDelegationMember } from "~/domain/invitations.server";
import { DelegationMemberChangeSchema } from "~/domain/invitations-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const { invitation, result } = await addDelegationMember(services.prisma, user, params.id!, await readJson(request, DelegationMemberChangeSchema), commandMeta(request, services));
  return json({ invitation, member: result }, { status: 201 });
});
