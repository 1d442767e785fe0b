// POST /api/v1/invitations/:id/delegates — name a delegate or substitute { version, name, … }
import { clientIp } from "~/lib/http.server";
import { json } from "@remix-run/node";
import { api, readJson, methodNotAllowed } from "~/lib/api.server";
import { addDelegationMember } from "~/domain/invitations.server";
import { DelegationMemberChangeSchema } from "~/domain/invitations-schema";
import { publishInvitationChanges } from "~/lib/invitations-live.server";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const { invitation, result } = await addDelegationMember(services.prisma, user, params.id!, await readJson(request, DelegationMemberChangeSchema), { ip: clientIp(request) });
  publishInvitationChanges(services, invitation.conferenceId, user.id, [{ id: invitation.id, forceId: invitation.forceId, status: invitation.status, version: invitation.version }]);
  return json({ invitation, member: result }, { status: 201 });
});
