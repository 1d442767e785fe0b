// GET   /api/v1/invitations/:id — the invitation with its timeline and delegation
// PATCH /api/v1/invitations/:id — terms: { version, seatQuota?, confirmationDeadline?, note? }
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { getInvitation, updateTerms } from "~/domain/invitations.server";
import { InvitationTermsSchema } from "~/domain/invitations-schema";

export const loader = api(async ({ params, user, services }) => getInvitation(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "PATCH") return methodNotAllowed("GET", "PATCH");
  const inv = await updateTerms(services.prisma, user, params.id!, await readJson(request, InvitationTermsSchema), commandMeta(request, services));
  return inv;
});
