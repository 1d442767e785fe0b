import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useMatches, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { useTranslation } from "~/i18n/react";
import { createI18n, dirOf, locales, type Locale } from "./i18n";
import { getUser } from "./session.server";
import { localeOf } from "./locale.server";
import { may } from "./policy";
import stylesheet from "./styles.css?url";
import { officeTimeZone } from "./domain/due-dates";
import { useNonce } from "~/components/nonce";
import { Bell } from "~/components/notifications/Bell";
import { unreadCount } from "~/domain/notifications/inbox.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // No favicon request (and no 404 in the logs) until the product has an icon.
  { rel: "icon", href: "data:," },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context.services, context).catch(() => null);
  const locale = await localeOf(request, user?.locale);
  const m = user?.memberships[0];
  const canManage = !!(user && m && may(user, "member.manage", { conferenceId: m.conferenceId }));
  // Coordination areas (outreach, plans, representations) are hidden from those who may not read them.
  const canCoordinate = !!(user && m && may(user, "outreach.read", { conferenceId: m.conferenceId }));
  const canReadMail = !!(user && m && may(user, "mail.read", { conferenceId: m.conferenceId }));
  const canCheckIn = !!(user && m && may(user, "attendance.manage", { conferenceId: m.conferenceId }));
  return json({
    locale,
    user: user ? { name: user.name, email: user.email, role: m?.role ?? null } : null,
    canManage,
    canCoordinate,
    canReadMail,
    canCheckIn,
    // Dates on every page are shown in the office's zone (app/components/dates.ts), on the server and in the browser.
    timeZone: officeTimeZone(),
    // The bell's count (app/components/notifications/Bell.tsx).
    unread: user ? await unreadCount(context.services.prisma, user.id) : 0,
  });
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale: Locale = data?.locale ?? "ar";
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const nonce = useNonce();
  // A page for a screen of its own (the hall's projector) says so in its handle: no header, no nav.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {bare ? children : <Shell>{children}</Shell>}
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const areas = [
    ["/", "nav.dashboard"],
    ["/paper", "nav.paper"],
    ["/amendments", "nav.amendments"],
    ["/invitations", "nav.invitations"],
    ["/votes", "votes.nav"],
    ["/agenda", "agenda.nav"],
    ...(data?.canCoordinate
      ? ([
          ["/outreach", "nav.outreach"],
          ["/plans", "nav.plans"],
          ["/representations", "coordination.nav.representations"],
        ] as const)
      : []),
    ...(data?.canManage ? [["/members", "nav.members"]] : []),
    ...(data?.canReadMail ? [["/mail", "mail.nav"]] : []),
    ...(data?.canCheckIn ? [["/checkin", "checkin.nav"]] : []),
  ] as const;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("nav.skip")}
      </a>
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-2">
          <a href="/" className="text-xl font-bold text-emerald-900 no-underline">
            {t("app.name")}
          </a>
          {data?.user ? (
            <nav aria-label={t("nav.main")} className="flex flex-wrap gap-3 text-sm">
              {areas.map(([to, key]) => (
                <NavLink key={to} to={to} end={to === "/"} className={({ isActive }) => (isActive ? "font-bold" : "")}>
                  {t(key)}
                </NavLink>
              ))}
            </nav>
          ) : null}
          <div className="ms-auto flex items-center gap-3 text-sm">
            {data?.user ? <HeaderSearch /> : null}
            {data?.user ? <Bell unread={data.unread} /> : null}
            <Form method="post" action="/lang" className="flex items-center gap-1">
              <input type="hidden" name="next" value={location.pathname + location.search} />
              <label htmlFor="lang-select" className="sr-only">
                {t("lang.label")}
              </label>
              <select id="lang-select" name="locale" defaultValue={data?.locale ?? "ar"} className="field w-auto py-0.5" data-testid="lang-select">
                {locales.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {t(`lang.${l}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn-quiet py-0.5" data-testid="lang-submit">
                {t("lang.switch")}
              </button>
            </Form>
            {data?.user ? (
              <>
                <NavLink to="/account" className="underline">{t("auth.signedInAs", { name: data.user.name })}</NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-quiet py-0.5" data-testid="sign-out">
                    {t("auth.signOut")}
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

/** The one search box (GET /search?q=…): a plain form, so it works without JavaScript. */
function HeaderSearch() {
  const { t } = useTranslation();
  const location = useLocation();
  const current = location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" className="flex items-center gap-1" key={current}>
      <label htmlFor="header-search" className="sr-only">
        {t("coordination.search.label")}
      </label>
      <input id="header-search" name="q" type="search" defaultValue={current} placeholder={t("coordination.search.placeholder")} className="field w-40 py-0.5" dir="auto" data-testid="header-search" />
      <button type="submit" className="btn-quiet py-0.5" data-testid="header-search-submit">
        {t("coordination.search.submit")}
      </button>
    </Form>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = status === 404 ? t("errors.notFound") : status === 403 ? t("errors.forbidden") : t("errors.generic");
  return (
    <div className="card max-w-xl">
      <h1 className="text-xl font-bold">{t("errors.title")}</h1>
      <p className="mt-2" data-testid="error-message">
        {message}
      </p>
      <a href="/" className="mt-4 inline-block">
        {t("errors.back")}
      </a>
    </div>
  );
}
