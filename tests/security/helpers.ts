// Shared by the session and re-authorisation tests: accounts of their own (so tests do not disturb each
// other's demo users), sign-in with a chosen user agent, and posting no-JS forms.
import type { PrismaClient, Role } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/domain/accounts.server";

export const PASSWORD = "tawafuq-demo";
let demoHash: Promise<string> | undefined;

/** A new account with a membership of the conference, password PASSWORD. */
export async function newMember(prisma: PrismaClient, conferenceId: string, role: Role, name = "عضو اختبار") {
  const email = `t-${randomBytes(5).toString("hex")}@example.org`;
  const forceId = role === "DELEGATE" ? (await prisma.force.findFirstOrThrow({ where: { conferenceId } })).id : null;
  const user = await prisma.user.create({
    data: { email, name, passwordHash: await (demoHash ??= hashPassword(PASSWORD)), memberships: { create: { conferenceId, role, forceId } } },
    include: { memberships: true },
  });
  return { id: user.id, email, membershipId: user.memberships[0]!.id };
}

export const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
export const CHROME_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

/** Signs in over HTTP; returns "tq_session=…". */
export async function signInAs(baseUrl: string, email: string, password = PASSWORD, userAgent = FIREFOX_WINDOWS): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "user-agent": userAgent },
    body: new URLSearchParams({ email, password, next: "/" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}

/** Posts a form as a browser without JavaScript would. */
export async function postForm(baseUrl: string, path: string, cookie: string | null, fields: Record<string, string>) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: cookie ? { cookie } : {},
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, html: await res.text(), setCookie: res.headers.get("set-cookie") };
}

/** 200 while the cookie authenticates, 401 once it does not. */
export async function meStatus(baseUrl: string, cookie: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } });
  await res.body?.cancel();
  return res.status;
}
