import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useMatches, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
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
  // public/favicon.svg; public/favicon.ico is the same mark for clients that ask for that path.
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "alternate icon", href: "/favicon.ico", sizes: "32x32" },
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
  const canSeeActivity = !!(user && m && may(user, "activity.read", { conferenceId: m.conferenceId }));
  return json({
    locale,
    user: user ? { name: user.name, email: user.email, role: m?.role ?? null } : null,
    canManage,
    canCoordinate,
    canReadMail,
    canCheckIn,
    canSeeActivity,
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
    ...(data?.canSeeActivity ? [["/activity", "activity.nav"]] : []),
  ] as const;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("nav.skip")}
      </a>
      {/* Below md the header is two rows: the name, search, bell, language and the account menu; then the
          areas as one row that scrolls sideways. From md up it is the one wrapping row it always was. */}
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 max-md:gap-x-2">
          <a href="/" className="shrink-0 text-xl font-bold text-emerald-900 no-underline">
            {t("app.name")}
          </a>
          {data?.user ? (
            <nav aria-label={t("nav.main")} className="flex gap-3 text-sm max-md:order-last max-md:w-full max-md:overflow-x-auto max-md:whitespace-nowrap max-md:pb-1 md:flex-wrap" data-testid="main-nav">
              {areas.map(([to, key]) => (
                <NavLink key={to} to={to} end={to === "/"} className={({ isActive }) => (isActive ? "font-bold" : "")}>
                  {t(key)}
                </NavLink>
              ))}
            </nav>
          ) : null}
          <div className="ms-auto flex min-w-0 items-center gap-3 text-sm max-md:flex-1 max-md:gap-2">
            {data?.user ? <HeaderSearch /> : null}
            {data?.user ? <Bell unread={data.unread} /> : null}
            <LanguageForm />
            {data?.user ? (
              <>
                <NavLink to="/account" className="underline max-md:hidden">{t("auth.signedInAs", { name: data.user.name })}</NavLink>
                <Form method="post" action="/logout" className="max-md:hidden">
                  <button type="submit" className="btn-quiet py-0.5" data-testid="sign-out">
                    {t("auth.signOut")}
                  </button>
                </Form>
                {/* On a phone the account and sign-out sit behind one button (a <details>: no script needed). */}
                <details className="relative md:hidden" data-testid="account-menu">
                  <summary className="cursor-pointer list-none rounded-md border border-stone-300 px-2 py-0.5" aria-label={t("auth.signedInAs", { name: data.user.name })}>
                    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
                      <circle cx="12" cy="8" r="4" />
                      <path d="M4 21c0-4 4-6 8-6s8 2 8 6" />
                    </svg>
                  </summary>
                  <div className="absolute end-0 z-10 mt-1 w-56 space-y-2 rounded-md border border-stone-200 bg-white p-3 shadow">
                    <NavLink to="/account" className="block underline">{t("auth.signedInAs", { name: data.user.name })}</NavLink>
                    <Form method="post" action="/logout">
                      <button type="submit" className="btn-quiet py-0.5">
                        {t("auth.signOut")}
                      </button>
                    </Form>
                  </div>
                </details>
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
    <Form method="get" action="/search" role="search" aria-label={t("nav.search")} className="flex min-w-0 items-center gap-1 max-md:flex-1" key={current}>
      <label htmlFor="header-search" className="sr-only">
        {t("coordination.search.label")}
      </label>
      <input id="header-search" name="q" type="search" defaultValue={current} placeholder={t("coordination.search.placeholder")} className="field w-40 min-w-0 py-0.5 max-md:w-full max-md:min-w-[5rem]" dir="auto" data-testid="header-search" />
      {/* On a phone Enter searches; the button is kept for screen readers and keyboards. */}
      <button type="submit" className="btn-quiet py-0.5 max-md:sr-only" data-testid="header-search-submit">
        {t("coordination.search.submit")}
      </button>
    </Form>
  );
}

/**
 * The language choice: with JavaScript a change of the select switches at once; the button is for
 * browsers without it (shown until the script has run).
 */
function LanguageForm() {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <Form method="post" action="/lang" className="flex shrink-0 items-center gap-1">
      <input type="hidden" name="next" value={location.pathname + location.search} />
      <label htmlFor="lang-select" className="sr-only">
        {t("lang.label")}
      </label>
      <select
        id="lang-select"
        name="locale"
        defaultValue={data?.locale ?? "ar"}
        className="field w-auto py-0.5"
        data-testid="lang-select"
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
      {scripted ? null : (
        <button type="submit" className="btn-quiet py-0.5" data-testid="lang-submit">
          {t("lang.switch")}
        </button>
      )}
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
