import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { SignInStep } from "~/components/sign-in-step";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { audit, createSession, endSession, verifyCredentials } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { emailDigest, sealFor } from "~/domain/person-keys.server";
import { signInLimiter } from "~/domain/rate-limit";
import { commitSession, getUser, sessionIdFromCookieHeader } from "~/session.server";
import { clientIp, safeNext } from "~/http/request.server";
import { nextParam, pageParams } from "~/domain/query-params";
import { pageTitle } from "~/i18n/meta";

// Let the action's Retry-After reach the document response.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta = pageTitle("auth.signIn");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context.services)) throw redirect("/");
  // The sign-in form carries ?next= along (ADR 0033: nothing else).
  pageParams(request, { next: nextParam });
  return null;
}

const SignIn = z.object({ email: z.string().trim().toLowerCase().min(3).max(320), password: z.string().min(1).max(1000), next: z.string().optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = SignIn.safeParse(form);
  if (!parsed.success) return json({ error: "auth.required" as const, seconds: 0, email: String(form.email ?? "") }, { status: 400 });
  const { email, password } = parsed.data;
  const ip = clientIp(request);
  const limiter = signInLimiter(context.services);
  const wait = await limiter.retryAfter(email, ip);
  if (wait > 0) return json({ error: "auth.limited" as const, seconds: wait, email }, { status: 429, headers: { "Retry-After": String(wait) } });
  let user;
  try {
    user = await verifyCredentials(context.services.prisma, email, password);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // Unknown emails count the same, so the limiter does not reveal which accounts exist.
    await limiter.fail(email, ip);
    // The trail keeps the email tried (never the password), and the account it names, if any: sealed under
    // that account's key, or only as a keyed hash when it names none (ADR 0034), so erasure can shred it.
    const { prisma, sessionSecret } = context.services;
    const target = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    const tried = target ? { email: await sealFor(prisma, { kind: "user", id: target.id }, email) } : { emailDigest: emailDigest(sessionSecret, email) };
    await audit(prisma, null, "signin.failure", "User", target?.id ?? null, tried, { ip });
    return json({ error: "auth.wrong" as const, seconds: 0, email }, { status: 401 });
  }
  // Rotation: whatever session the browser carried ends here, so a planted cookie is not signed in.
  const previous = await sessionIdFromCookieHeader(context.services, request.headers.get("cookie"));
  if (previous) await endSession(context.services.prisma, previous);
  const next = safeNext(parsed.data.next);
  const meta = { ip, userAgent: request.headers.get("user-agent") ?? undefined };
  if (user.secondFactor) {
    // Password right, code still to come: the pending session authenticates nothing (sessions.server.ts).
    // The account's failures are reset only once the code is right.
    const pending = await createSession(context.services.prisma, user.id, { ...meta, pendingSecondFactor: true });
    return redirect(`/login/code?next=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": await commitSession(context.services, pending.id) } });
  }
  await limiter.reset(email, ip);
  const session = await createSession(context.services.prisma, user.id, meta);
  await audit(context.services.prisma, user.id, "signin.success", "User", user.id, { secondFactor: false }, { ip });
  return redirect(next, { headers: { "Set-Cookie": await commitSession(context.services, session.id) } });
}

export default function Login() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <SignInStep title={t("auth.signIn")} intro={t("app.tagline")} submit={t("auth.signIn")} error={data}>
      <label className="block">
        {t("auth.email")}
        <input name="email" type="email" dir="ltr" autoComplete="username" required defaultValue={data?.email} className="field mt-1" />
      </label>
      <label className="block">
        {t("auth.password")}
        <input name="password" type="password" dir="ltr" autoComplete="current-password" required className="field mt-1" />
      </label>
    </SignInStep>
  );
}
