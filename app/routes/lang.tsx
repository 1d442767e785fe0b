import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { localeCookie } from "~/locale.server";
import { getUser } from "~/session.server";
import { safeNext } from "~/http/request.server";

// Remembered in a cookie for everyone, and on the account for signed-in users.
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const next = safeNext(form.get("next"));
  if (!isLocale(locale)) return redirect(next);
  const user = await getUser(request, context.services);
  if (user) await context.services.prisma.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(next, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export const loader = () => redirect("/");
