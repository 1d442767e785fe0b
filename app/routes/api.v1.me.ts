import { api } from "~/lib/api.server";

export const loader = api(async ({ user }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
  memberships: user.memberships,
}));
