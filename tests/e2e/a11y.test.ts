// Every page of the app through axe-core in Chromium, in Arabic (RTL) and English (LTR): zero serious or
// critical violations, and none at all of the rules in ALWAYS. The page list is derived from app/routes: a
// route file with a component (a default export) must be visited below or skipped with a reason, so a new
// page without coverage fails here.
// Also the layout a new user hit: the header at 390 px, the invitations board at 1280 px.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import type { PrismaClient } from "@prisma/client";
import { AxeBuilder } from "@axe-core/playwright";
import { launchBrowser } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs, postForm, newMember } from "../security/helpers.js";
import { createAccountSetupToken } from "~/domain/accounts.server";

type Role = "anon" | "organizer" | "committee" | "delegate" | "pending";
interface Visit {
  path: string;
  as: Role;
}
interface Ids {
  force: string;
  invitation: string;
  amendment: string;
  outreach: string;
  plan: string;
  representation: string;
  mail: string;
  version: string;
  linkToken: string;
  welcomeToken: string;
  ownInvitation: string;
}

const ROUTES_DIR = "app/routes";
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f));
/** A route file renders a page when it has a component. */
const isPage = (f: string) => /^export default /m.test(readFileSync(join(ROUTES_DIR, f), "utf8"));

/** The invitation of the force the demo delegate speaks for. */
async function ownInvitationOf(prisma: PrismaClient, conferenceId: string, email: string) {
  const m = await prisma.membership.findFirstOrThrow({ where: { conferenceId, user: { email } }, select: { forceId: true } });
  return (await prisma.invitation.findFirstOrThrow({ where: { conferenceId, forceId: m.forceId! }, select: { id: true } })).id;
}

/** Page routes not visited by themselves, and why. */
const SKIP: Record<string, string> = {
  "invitations.tsx": "layout of the invitations pages: visited through each of its child pages",
};

/** Each page route file → where to visit it and as whom (the role that can see it). */
const visits = (id: Ids): Record<string, Visit[]> => ({
  "_index.tsx": [{ path: "/", as: "organizer" }, { path: "/", as: "delegate" }],
  "login.tsx": [{ path: "/login", as: "anon" }],
  "login_.code.tsx": [{ path: "/login/code", as: "pending" }],
  "link.$token.tsx": [{ path: `/link/${id.linkToken}`, as: "anon" }],
  "welcome.$token.tsx": [{ path: `/welcome/${id.welcomeToken}`, as: "anon" }],
  "account._index.tsx": [{ path: "/account", as: "delegate" }],
  "account.password.tsx": [{ path: "/account/password", as: "delegate" }],
  "account.sessions.tsx": [{ path: "/account/sessions", as: "delegate" }],
  "account.tokens.tsx": [{ path: "/account/tokens", as: "committee" }],
  "account.two-factor.tsx": [{ path: "/account/two-factor", as: "committee" }],
  "agenda.tsx": [{ path: "/agenda", as: "organizer" }, { path: "/agenda", as: "delegate" }],
  "amendments._index.tsx": [{ path: "/amendments", as: "committee" }, { path: "/amendments", as: "delegate" }],
  "amendments.new.tsx": [{ path: "/amendments/new", as: "delegate" }],
  "amendments.$id.tsx": [{ path: `/amendments/${id.amendment}`, as: "committee" }, { path: `/amendments/${id.amendment}`, as: "delegate" }],
  "amendments.table.tsx": [{ path: "/amendments/table", as: "committee" }],
  "audit.tsx": [{ path: "/audit", as: "organizer" }],
  "backup.tsx": [{ path: "/backup", as: "organizer" }],
  "checkin._index.tsx": [{ path: "/checkin", as: "organizer" }],
  "checkin.badges.tsx": [{ path: "/checkin/badges", as: "organizer" }],
  "checkin.board.tsx": [{ path: "/checkin/board", as: "organizer" }],
  "forces._index.tsx": [{ path: "/forces", as: "committee" }],
  "forces.new.tsx": [{ path: "/forces/new", as: "organizer" }],
  "forces.import.tsx": [{ path: "/forces/import", as: "organizer" }],
  "forces.$id.tsx": [{ path: `/forces/${id.force}`, as: "organizer" }],
  // A delegate's /invitations is a redirect to their force's own invitation (visited below as theirs).
  "invitations._index.tsx": [{ path: "/invitations", as: "organizer" }],
  "invitations.$id.tsx": [{ path: `/invitations/${id.invitation}`, as: "organizer" }, { path: `/invitations/${id.ownInvitation}`, as: "delegate" }],
  "invitations.attention.tsx": [{ path: "/invitations/attention", as: "organizer" }],
  "invitations.board.tsx": [{ path: "/invitations/board", as: "organizer" }],
  "invitations.dashboard.tsx": [{ path: "/invitations/dashboard", as: "organizer" }],
  "activity.tsx": [{ path: "/activity", as: "committee" }],
  "mail._index.tsx": [{ path: "/mail", as: "organizer" }],
  "mail.$id.tsx": [{ path: `/mail/${id.mail}`, as: "organizer" }],
  "mail.templates.tsx": [{ path: "/mail/templates", as: "organizer" }],
  "members.tsx": [{ path: "/members", as: "organizer" }],
  "members_.security.tsx": [{ path: "/members/security", as: "organizer" }],
  "notifications._index.tsx": [{ path: "/notifications", as: "delegate" }],
  "notifications.preferences.tsx": [{ path: "/notifications/preferences", as: "delegate" }],
  "outreach._index.tsx": [{ path: "/outreach", as: "committee" }],
  "outreach.new.tsx": [{ path: "/outreach/new", as: "committee" }],
  "outreach.$id.tsx": [{ path: `/outreach/${id.outreach}`, as: "committee" }],
  "outreach.follow-ups.tsx": [{ path: "/outreach/follow-ups", as: "committee" }],
  "outreach.forces.$forceId.tsx": [{ path: `/outreach/forces/${id.force}`, as: "committee" }],
  "paper.tsx": [{ path: "/paper", as: "committee" }, { path: "/paper", as: "delegate" }],
  "paper_.compare.tsx": [{ path: `/paper/compare?from=${id.version}`, as: "committee" }],
  "paper_.print.tsx": [{ path: "/paper/print", as: "delegate" }, { path: "/paper/print?lang=ar%2Bku", as: "delegate" }],
  "paper_.translations.tsx": [{ path: "/paper/translations?lang=ku&view=side", as: "committee" }, { path: "/paper/translations?lang=en&view=alone", as: "committee" }],
  "paper_.versions.tsx": [{ path: "/paper/versions", as: "committee" }],
  "paper_.versions_.$versionId.tsx": [{ path: `/paper/versions/${id.version}`, as: "committee" }],
  "plans._index.tsx": [{ path: "/plans", as: "committee" }],
  "plans.new.tsx": [{ path: "/plans/new", as: "committee" }],
  "plans.$id.tsx": [{ path: `/plans/${id.plan}`, as: "committee" }],
  "projector.tsx": [{ path: "/projector", as: "organizer" }],
  "representations._index.tsx": [{ path: "/representations", as: "committee" }],
  "representations.new.tsx": [{ path: "/representations/new", as: "committee" }],
  "representations.$id.tsx": [{ path: `/representations/${id.representation}`, as: "committee" }],
  "search.tsx": [{ path: "/search?q=%D8%AD%D8%B2%D8%A8", as: "committee" }],
  "votes.tsx": [{ path: "/votes", as: "organizer" }, { path: "/votes", as: "delegate" }],
});

const LANGS = ["ar", "en"] as const;
const BLOCKING = new Set(["serious", "critical"]);
/** Rules failed at any impact: minor or moderate findings once fixed (a row's actions column has a header
 * for screen readers, each navigation landmark its own name), which must not come back. */
const ALWAYS = new Set(["empty-table-header", "landmark-unique"]);

describe("every page passes axe-core (serious/critical) in Arabic and English", () => {
  let app: AppServer;
  let browser: Browser;
  let ids: Ids;
  let plan: Record<string, Visit[]>;
  const contexts = new Map<string, BrowserContext>();
  const cookies: Partial<Record<Role, string>> = {};
  /** Every violation seen, for the summary (all impacts). */
  const seen: { lang: string; path: string; as: Role; id: string; impact: string; nodes: number }[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    const prisma = app.running.services.prisma;
    const step = (s: string) => process.env.A11Y_DEBUG && console.log(`a11y setup: ${s}`);
    step("started");
    const conf = await prisma.conference.findFirstOrThrow();
    const organizer = await prisma.user.findUniqueOrThrow({ where: { email: "organizer@example.org" } });
    const horizon = await prisma.force.findFirstOrThrow({ where: { conferenceId: conf.id, nameEn: "Democratic Horizon Party" } });
    const paper = await prisma.paper.findFirstOrThrow({ where: { conferenceId: conf.id }, include: { versions: true } });
    for (const r of ["organizer", "committee", "delegate"] as const) cookies[r] = await signInAs(app.url, `${r}@example.org`);
    step("signed in");
    // A letter on /mail, with its sign-in link (the invitation page's no-JS form moves it to SENT).
    const inv = await prisma.invitation.findFirstOrThrow({ where: { conferenceId: conf.id, force: { nameEn: "National Bloc for Change" } } });
    expect((await postForm(app.url, `/invitations/${inv.id}`, cookies.organizer!, { intent: "transition", to: "SENT", version: String(inv.version) })).status).toBe(200);
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { kind: "invitation.letter", subjectId: inv.id } });
    const mailPage = await (await fetch(`${app.url}/mail/${mail.id}`, { headers: { cookie: cookies.organizer! } })).text();
    step("mail");
    const linkToken = mailPage.match(/\/link\/([A-Za-z0-9_-]{20,})/)![1]!;
    const amendment = await prisma.amendment.create({
      data: { paperId: paper.id, forceId: horizon.id, createdById: (await prisma.user.findUniqueOrThrow({ where: { email: "delegate@example.org" } })).id, type: "GENERAL", state: "SUBMITTED", proposedText: "نص مقترح للاختبار", rationale: "سبب التعديل" },
    });
    // An item on the floor with its list of speakers (one speaking, one waiting): the agenda page and the projector show it (ADR 0069).
    const session = await prisma.agendaSession.create({ data: { conferenceId: conf.id, title: "الجلسة العامة", day: new Date("2026-12-10T00:00:00Z"), startsAt: "09:00", position: 0 } });
    const floor = await prisma.agendaItem.create({ data: { sessionId: session.id, title: "النقاش العام", position: 0, status: "CURRENT" } });
    await prisma.conference.update({ where: { id: conf.id }, data: { currentAgendaItemId: floor.id } });
    const committeeId = (await prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } })).id;
    await prisma.speaker.create({ data: { agendaItemId: floor.id, userId: organizer.id, position: 0, state: "SPEAKING", speakingItemId: floor.id, startedAt: new Date() } });
    await prisma.speaker.create({ data: { agendaItemId: floor.id, userId: committeeId, position: 1, waitingUserId: committeeId } });
    const outreach = await prisma.outreachEntry.create({
      data: { conferenceId: conf.id, forceId: horizon.id, occurredOn: new Date(), channel: "MEETING", summary: "لقاء تعارف", followUp: "إرسال الورقة", followUpDue: new Date(), createdById: organizer.id },
    });
    const representation = (await prisma.representation.findFirst({ where: { conferenceId: conf.id } })) ?? (await prisma.representation.create({ data: { conferenceId: conf.id, country: "ألمانيا", area: "EUROPE", city: "برلين" } }));
    const planItem = await prisma.planItem.create({ data: { conferenceId: conf.id, horizon: "SHORT", goal: "زيارة الأحزاب", forceId: horizon.id, representationId: representation.id } });
    const newcomer = await newMember(prisma, conf.id, "COMMITTEE", "عضو جديد");
    // A second-factor account: its password alone leaves a pending session, which /login/code asks to finish.
    const pending = await newMember(prisma, conf.id, "COMMITTEE", "عضو بخطوتين");
    await prisma.user.update({ where: { id: pending.id }, data: { totpConfirmedAt: new Date(), totpSecret: "unused|-1" } });
    step("pending");
    cookies.pending = await signInAs(app.url, pending.email);
    ids = {
      force: horizon.id,
      invitation: inv.id,
      amendment: amendment.id,
      outreach: outreach.id,
      plan: planItem.id,
      representation: representation.id,
      mail: mail.id,
      version: paper.versions[0]!.id,
      linkToken,
      ownInvitation: await ownInvitationOf(prisma, conf.id, "delegate@example.org"),
      welcomeToken: await createAccountSetupToken(prisma, { userId: newcomer.id, createdById: organizer.id }),
    };
    plan = visits(ids);
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts.values()) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
    const byImpact: Record<string, number> = {};
    for (const v of seen) byImpact[v.impact] = (byImpact[v.impact] ?? 0) + 1;
    console.log(`axe: ${seen.length} violations by impact ${JSON.stringify(byImpact)}`);
    for (const v of seen) console.log(`  ${v.impact} ${v.id} ×${v.nodes} ${v.lang} ${v.path} (${v.as})`);
  });

  /** One browser profile per role and language, the language chosen as a reader would (POST /lang). */
  async function contextFor(as: Role, lang: string): Promise<BrowserContext> {
    const key = `${as}:${lang}`;
    let ctx = contexts.get(key);
    if (ctx) return ctx;
    ctx = await browser.newContext();
    contexts.set(key, ctx);
    const cookie = cookies[as as Exclude<Role, "anon">];
    if (cookie) {
      const [name, value] = cookie.split("=") as [string, string];
      await ctx.addCookies([{ name, value, url: app.url }]);
    }
    await ctx.request.post(`${app.url}/lang`, { form: { locale: lang, next: "/login" }, maxRedirects: 0 });
    return ctx;
  }

  it("covers every page route: each is visited or skipped with a reason", () => {
    const pages = routeFiles.filter(isPage);
    const uncovered = pages.filter((f) => !(f in plan) && !(f in SKIP));
    expect(uncovered, "page routes with no a11y visit: add them to visits() or SKIP").toEqual([]);
    const stale = [...Object.keys(plan), ...Object.keys(SKIP)].filter((f) => !pages.includes(f));
    expect(stale, "visits/SKIP entries that are not page routes").toEqual([]);
  });

  it("at 390 px the header is at most two rows and nothing overflows sideways, in Arabic and English", async () => {
    for (const lang of LANGS) {
      const ctx = await contextFor("organizer", lang);
      const page = await ctx.newPage();
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${app.url}/`);
        const m = await page.evaluate(() => {
          const header = document.querySelector("header")!;
          const row = parseFloat(getComputedStyle(document.querySelector("#lang-select")!).height);
          const search = document.querySelector<HTMLInputElement>("#header-search")!;
          return { header: header.getBoundingClientRect().height, row, page: document.documentElement.scrollWidth, view: innerWidth, search: search.getBoundingClientRect().width, lang: document.querySelector<HTMLSelectElement>("#lang-select")!.getBoundingClientRect().width };
        });
        // Two rows of controls (each at most ~2.2 × a select's height with its gaps), never four.
        expect(m.header, JSON.stringify(m)).toBeLessThanOrEqual(m.row * 2 + 48);
        expect(m.page).toBeLessThanOrEqual(m.view);
        expect(m.search).toBeGreaterThanOrEqual(72); // "Search…" and «بحث…» whole
        expect(m.lang).toBeGreaterThanOrEqual(60);
        // Every area is still one tap away (the nav row scrolls), and the account menu opens.
        expect(await page.locator('[data-testid="main-nav"] a').count()).toBeGreaterThan(5);
        await page.click('[data-testid="account-menu"] summary');
        expect(await page.isVisible('[data-testid="account-menu"] a[href="/account"]')).toBe(true);
      } finally {
        await page.close();
      }
    }
  }, 120_000);

  it("at 1280 px every column of the invitations board can be reached", async () => {
    const page = await (await contextFor("organizer", "en")).newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${app.url}/invitations/board`);
      // Measured once hydrated: the drag-and-drop board then replaces the server's columns.
      await page.getByTestId("card-drag").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const columns = page.locator('section[data-testid^="column-"]');
      const n = await columns.count();
      expect(n).toBeGreaterThan(4);
      for (let i = 0; i < n; i++) {
        const h = columns.nth(i).locator("h2");
        await h.scrollIntoViewIfNeeded();
        const box = (await h.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
      }
      // The keyboard reaches it too: the board takes focus and scrolls with the arrow keys.
      expect(await page.getAttribute('[data-testid="board"]', "tabindex")).toBe("0");
    } finally {
      await page.close();
    }
  }, 120_000);

  it("the language select switches on change with JavaScript; favicon is served", async () => {
    const ctx = await browser.newContext();
    contexts.set("lang-switch", ctx);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/login`);
    await page.waitForFunction(() => !document.querySelector('[data-testid="lang-submit"]'));
    await page.selectOption('[data-testid="lang-select"]', "ku");
    await page.waitForFunction(() => document.documentElement.lang === "ku");
    expect(await page.title()).toContain("Tewafuq");
    for (const icon of ["/favicon.ico", "/favicon.svg"]) expect((await fetch(`${app.url}${icon}`)).status).toBe(200);
    // Without JavaScript the button is there.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    contexts.set("lang-nojs", noJs);
    const p2 = await noJs.newPage();
    await p2.goto(`${app.url}/login`);
    expect(await p2.isVisible('[data-testid="lang-submit"]')).toBe(true);
  }, 120_000);

  for (const lang of LANGS) {
    it(`${lang}: every page, as the roles that see it`, async () => {
      const failures: string[] = [];
      for (const [file, list] of Object.entries(plan)) {
        for (const v of list) {
          if (process.env.A11Y_DEBUG) console.log(`a11y: ${lang} ${v.path} (${v.as})`);
          const page = await (await contextFor(v.as, lang)).newPage();
          try {
            const res = await page.goto(`${app.url}${v.path}`, { waitUntil: "load" });
            const landed = new URL(page.url()).pathname;
            // Each visit must show its own page (not a sign-in redirect or an error) …
            if (!res || res.status() >= 400 || landed !== new URL(v.path, app.url).pathname) {
              failures.push(`${file} ${v.path} (${v.as}): status ${res?.status()} at ${landed}`);
              continue;
            }
            expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
            // … with a title of its own in the reader's language (the paper's pages lead with its own title).
            const title = await page.title();
            if (!title || (lang === "en" && /[\u0600-\u06FF]/.test(title.replace(/—.*$/, "")) && !/^\/paper(\/print)?(\?|$)/.test(v.path))) failures.push(`${file} ${v.path}: title "${title}"`);
            const result = await new AxeBuilder({ page }).analyze();
            for (const x of result.violations) {
              seen.push({ lang, path: v.path, as: v.as, id: x.id, impact: x.impact ?? "unknown", nodes: x.nodes.length });
              if (process.env.A11Y_DEBUG) console.log(`a11y violation: ${x.impact} ${x.id} ×${x.nodes.length} ${lang} ${v.path} (${v.as}) ${x.nodes[0]?.target.join(" ")}`);
              if (BLOCKING.has(x.impact ?? "") || ALWAYS.has(x.id)) failures.push(`${file} ${v.path} (${v.as}): ${x.impact} ${x.id} — ${x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
            }
          } finally {
            await page.close();
          }
        }
      }
      expect(failures).toEqual([]);
    }, 1_200_000);
  }
});
