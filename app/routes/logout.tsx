import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit, endSession } from "~/domain/accounts.server";
import { clientIp } from "~/http/request.server";
import { destroySessionCookie, getUser } from "~/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request, context.services);
  if (user?.sessionId) {
    await endSession(context.services.prisma, user.sessionId);
    await audit(context.services.prisma, user.id, "signin.signout", "User", user.id, undefined, { ip: clientIp(request) });
    // The paper and live boards this browser has open close too (ADR 0025).
    context.services.access?.changed([user.id]);
  }
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(context.services) } });
}

export const loader = () => redirect("/");
