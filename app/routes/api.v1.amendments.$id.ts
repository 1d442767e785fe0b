// GET /api/v1/amendments/:id — one amendment as the caller may see it: resolved anchor, word diff,
// thread (internal notes for the committee only) and history.
import { api } from "~/http/api.server";
import { getAmendment } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = api(async ({ params, user, context }) => {
  const { layout: _layout, ...view } = await getAmendment(amendmentDeps(context), user, params.id!);
  return view;
});
