import { z } from "zod";
import { api, readJson } from "~/http/api.server";
import { DomainError } from "~/domain/errors";

const meOf = (user: { id: string; email: string; name: string; locale: string; memberships: unknown }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
  memberships: user.memberships,
});

export const loader = api(async ({ user }) => meOf(user));

const MePatch = z.strictObject({ name: z.string().trim().min(1).max(200).optional(), locale: z.enum(["ar", "ku", "en"]).optional() });

// PATCH /api/v1/me { name?, locale? }
export const action = api(async ({ request, user, services }) => {
  if (request.method !== "PATCH") throw new DomainError("bad_request", "Use PATCH to change your profile");
  const patch = await readJson(request, MePatch);
  const updated = await services.prisma.user.update({ where: { id: user.id }, data: patch });
  return meOf({ ...user, ...updated, memberships: user.memberships });
});
