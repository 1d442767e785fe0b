import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/domain/accounts.server";
import { destroySessionCookie, getUser } from "~/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request, context.services);
  if (user?.sessionId) {
    await endSession(context.services.prisma, user.sessionId);
    // The paper and live boards this browser has open close too (ADR 0025).
    context.services.access?.changed([user.id]);
  }
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(context.services) } });
}

export const loader = () => redirect("/");
