// The check-in desk's script posts codes here (app/components/checkin/Desk.tsx): a JSON answer, so that
// the page can tell a refusal (an answer) from the network being down (no answer: the code is queued).
import { type ActionFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { commandMeta } from "~/http/request.server";
import { formString, pageAction } from "~/http/page.server";
import { deskCheckIn } from "~/components/checkin/desk.server";

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "attendance.manage");
  const form = await request.formData();
  return pageAction(async () => Response.json(await deskCheckIn(context.services.prisma, user, conference.id, { code: formString(form, "code") }, commandMeta(request, context.services))));
}
