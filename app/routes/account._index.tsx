// The signed-in person's own account: one page that leads to each part of it.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/session.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  return json({ name: user.name, email: user.email });
}

const pages = [
  ["/account/sessions", "sessions"],
  ["/account/password", "password"],
  ["/account/two-factor", "twoFactor"],
  ["/account/tokens", "tokens"],
] as const;

export default function Account() {
  const { t } = useTranslation();
  const { name, email } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <p>
        {name} · <span dir="ltr">{email}</span>
      </p>
      <p className="text-stone-700">{t("account.intro")}</p>
      <ul className="card space-y-2">
        {pages.map(([to, key]) => (
          <li key={to}>
            <Link to={to} className="underline">
              {t(`account.pages.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
