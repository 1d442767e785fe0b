import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/domain/accounts.server";
import { destroySessionCookie, getUser } from "~/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request, context.services);
  if (user?.sessionId) await endSession(context.services.prisma, user.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie(context.services) } });
}

export const loader = () => redirect("/");
