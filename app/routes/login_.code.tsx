// Second step of signing in (ADR 0026): the pending session the password opened is exchanged, with a
// current TOTP code or an unused recovery code, for a new full session. Wrong codes count against the
// same account + IP limiter as wrong passwords.
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { SignInStep } from "~/components/sign-in-step";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { audit, createSession, endSession } from "~/domain/accounts.server";
import { signInLimiter } from "~/domain/rate-limit";
import { pendingSessionUser, spendRecoveryCode, acceptTotp } from "~/domain/second-factor.server";
import { commitSession, destroySessionCookie, getUser, sessionIdFromCookieHeader } from "~/session.server";
import { clientIp, safeNext } from "~/http/request.server";
import { nextParam, pageParams } from "~/domain/query-params";
import type { AppServices } from "~/services.server";
import { pageTitle } from "~/i18n/meta";

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta = pageTitle("signin.code.title");

async function pending(request: Request, services: AppServices) {
  const sessionId = await sessionIdFromCookieHeader(services, request.headers.get("cookie"));
  const user = sessionId ? await pendingSessionUser(services.prisma, sessionId) : null;
  return user ? { sessionId: sessionId!, user } : null;
}

// Signed in already: on to where they were going. A link to this page must not sign anyone out.
const backToLogin = async (request: Request, services: AppServices, next: string) =>
  (await getUser(request, services))
    ? redirect(next)
    : redirect(`/login?next=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": await destroySessionCookie(services) } });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const next = safeNext(pageParams(request, { next: nextParam }).next);
  if (!(await pending(request, context.services))) throw await backToLogin(request, context.services, next);
  return null;
}

const Code = z.object({ code: z.string().trim().min(6).max(40), next: z.string().max(2000).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const parsed = Code.safeParse(Object.fromEntries(await request.formData()));
  const next = safeNext(parsed.success ? parsed.data.next : undefined);
  const p = await pending(request, services);
  if (!p) throw await backToLogin(request, services, next);
  const ip = clientIp(request);
  const limiter = signInLimiter(services);
  const wait = await limiter.retryAfter(p.user.email, ip);
  if (wait > 0) return json({ error: "auth.limited" as const, seconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  const code = parsed.success ? parsed.data.code : "";
  const ok =
    !!code &&
    ((await acceptTotp(services.prisma, services.sessionSecret, p.user.id, code)) || (await spendRecoveryCode(services.prisma, p.user.id, code, { ip })));
  if (!ok) {
    await limiter.fail(p.user.email, ip);
    await audit(services.prisma, p.user.id, "signin.codeFailure", "User", p.user.id, undefined, { ip });
    return json({ error: "signin.code.wrong" as const, seconds: 0 }, { status: 401 });
  }
  await limiter.reset(p.user.email, ip);
  // Rotation: the pending session ends, a new full one begins.
  await endSession(services.prisma, p.sessionId);
  const session = await createSession(services.prisma, p.user.id, { ip, userAgent: request.headers.get("user-agent") ?? undefined });
  await audit(services.prisma, p.user.id, "signin.success", "User", p.user.id, { secondFactor: true }, { ip });
  return redirect(next, { headers: { "Set-Cookie": await commitSession(services, session.id) } });
}

export default function LoginCode() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <SignInStep title={t("signin.code.title")} intro={t("signin.code.intro")} submit={t("signin.code.submit")} error={data}>
      <label className="block">
        {t("signin.code.label")}
        <input name="code" dir="ltr" inputMode="numeric" autoComplete="one-time-code" required maxLength={40} className="field mt-1" autoFocus />
      </label>
    </SignInStep>
  );
}
