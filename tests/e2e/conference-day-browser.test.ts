// The conference day in Chromium, in Arabic (issue 20's "done when"; ADRs 0053, 0054, 0055): the chair
// (an organizer), two forces' delegates and the hall's projector each in a browser profile of their own,
// against the built server. The chair checks both delegations in at the desk, puts an amendment on the
// floor (the projector follows live with its word diff), opens a vote on it; each delegate clicks their
// ballot, the chair's tally moves without a reload, a stale second page of a delegate is refused, and the
// published result reaches the projector and the delegates live. Then two devices of one force press
// "send" at the same moment: exactly one ballot counts. Last, the organizer sets the voting mode and a
// force's voting delegate through their forms (ADR 0058): the force's other delegate is refused, the voting
// delegate casts.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { launchBrowser } from "../helpers/browser.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { PASSWORD, signInAs } from "../security/helpers.js";
import { hashPassword } from "~/domain/accounts.server";

describe("the conference day in Chromium, in Arabic", () => {
  let app: AppServer;
  let browser: Browser;
  let world: Plenary;
  let amendmentId: string;
  const contexts: BrowserContext[] = [];
  const prisma = () => app.running.services.prisma;
  const emailOf = async (id: string) => (await prisma().user.findUniqueOrThrow({ where: { id } })).email;

  /** A browser profile of its own signed in as `userId`, on `path`; a page with live updates waits for its socket's subscription. */
  const pageAs = async (userId: string, path: string, opts: { javaScriptEnabled?: boolean; live?: boolean } = {}): Promise<Page> => {
    const [name, value] = (await signInAs(app.url, await emailOf(userId))).split("=") as [string, string];
    const context = await browser.newContext({ locale: "ar", javaScriptEnabled: opts.javaScriptEnabled ?? true });
    contexts.push(context);
    await context.addCookies([{ name, value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    if (opts.javaScriptEnabled !== false && opts.live !== false) await page.waitForSelector("html[data-live=on]", { state: "attached" });
    return page;
  };
  /** Marks the document: the mark survives client-side updates and is gone after a reload. */
  const mark = (page: Page) => page.evaluate(() => ((window as unknown as { dayMark: boolean }).dayMark = true));
  const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { dayMark?: boolean }).dayMark === true);
  // Live updates go through a socket, a short debounce and a reload of the page's data: on a busy 2-core
  // machine that can take longer than expect.poll's default second.
  const soon = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
  const ballots = (voteId: string) => prisma().ballot.count({ where: { voteId } });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    world = await plenary(prisma(), 2);
    const passwordHash = await hashPassword(PASSWORD);
    const people = [world.organizer.id, world.observer.id, ...world.forces.flatMap((f) => f.delegates.map((d) => d.id))];
    await prisma().user.updateMany({ where: { id: { in: people } }, data: { passwordHash } });
    // An amendment with a quoted and a proposed text (so a word diff), on the agenda as a scheduled item.
    amendmentId = (
      await prisma().amendment.create({
        data: { paperId: world.paperId, forceId: world.forces[0]!.forceId, type: "REPLACE", state: "SUBMITTED", sectionTitle: "المبادئ العامة", quotedText: "تلتزم الدولة بالحياد", proposedText: "تلتزم الدولة بالحياد التام", createdById: world.organizer.id },
      })
    ).id;
    const session = await prisma().agendaSession.create({ data: { conferenceId: world.conferenceId, title: "الجلسة العامة الأولى", day: new Date("2026-12-10"), startsAt: "09:00", position: 0 } });
    await prisma().agendaItem.create({ data: { sessionId: session.id, position: 0, kind: "AMENDMENT", title: "تعديل مبدأ الحياد", refId: amendmentId, status: "SCHEDULED" } });
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });

  it("checks in, chairs an amendment's vote live to the projector and the delegates, and publishes it", async () => {
    const [force1, force2] = world.forces as [Plenary["forces"][number], Plenary["forces"][number]];

    // The chair checks the first named delegate of each force in at the desk (the badges page issues the codes).
    const chair = await pageAs(world.organizer.id, "/checkin/badges", { live: false });
    for (const f of [force1, force2]) {
      const member = await prisma().delegationMember.findUniqueOrThrow({ where: { id: f.members[0] } });
      await chair.goto(`${app.url}/checkin`);
      await chair.waitForFunction(() => document.activeElement?.getAttribute("name") === "code");
      await chair.getByTestId("field-code").fill(member.checkInCode!);
      await chair.keyboard.press("Enter");
      await soon(() => chair.getByTestId("checkin-result").innerText({ timeout: 500 }).catch(() => "")).toContain(member.name);
    }
    for (const f of [force1, force2]) expect((await prisma().invitation.findUniqueOrThrow({ where: { id: f.invitationId } })).status).toBe("ATTENDED");

    // The projector, and both delegates on the votes page: nothing on the floor, nothing to vote on yet.
    const projector = await pageAs(world.observer.id, "/projector");
    expect(await projector.locator("html").getAttribute("dir")).toBe("rtl");
    await projector.getByTestId("projector-nothing").waitFor();
    const delegate1 = await pageAs(force1.delegates[0].id, "/votes");
    const delegate2 = await pageAs(force2.delegates[0].id, "/votes");
    expect(await delegate1.getByRole("heading", { name: "التصويت في الهيئة العامة" }).count()).toBe(1);
    for (const p of [projector, delegate1, delegate2]) await mark(p);

    // The chair puts the amendment on the floor: the projector shows it, with its diff, without a reload.
    await chair.goto(`${app.url}/agenda`);
    await chair.getByRole("button", { name: "اجعله البند الحالي" }).click();
    await soon(() => projector.getByTestId("projector-item").innerText({ timeout: 500 }).catch(() => "")).toBe("تعديل مبدأ الحياد");
    expect(await projector.getByTestId("projector-proposed").innerText()).toContain("تلتزم الدولة بالحياد التام");
    expect(await projector.locator("[data-testid=projector-amendment] ins").innerText()).toContain("التام");

    // The chair opens a vote on it; the projector shows the vote open, the delegates get their ballots.
    await chair.goto(`${app.url}/votes`);
    await chair.waitForSelector("html[data-live=on]", { state: "attached" });
    await chair.getByLabel("موضوع التصويت").selectOption("AMENDMENT");
    await chair.getByLabel(/^التعديلات/).selectOption(amendmentId);
    await chair.getByRole("button", { name: "افتح التصويت" }).click();
    await chair.getByTestId("vote-done").waitFor();
    const vote = await prisma().vote.findFirstOrThrow({ where: { conferenceId: world.conferenceId, amendmentIds: { has: amendmentId } } });
    await mark(chair);
    await projector.locator("[data-testid=projector-vote][data-state=OPEN]").waitFor();
    for (const d of [delegate1, delegate2]) await d.getByTestId("ballot-form").waitFor();

    // A stale page of the first delegate without JavaScript (a second phone), opened while the vote is open.
    const stale = await pageAs(force1.delegates[0].id, "/votes", { javaScriptEnabled: false });
    await stale.getByTestId("ballot-form").waitFor();

    // Each delegate votes from their own page; the chair's tally follows without a reload.
    await delegate1.getByRole("radio", { name: "نعم" }).check();
    await delegate1.getByRole("button", { name: "أرسل الصوت" }).click();
    await delegate1.getByTestId("ballot-voted").waitFor();
    expect(await delegate1.getByTestId("ballot-voted").innerText()).toContain("صوّتت قوتكم: نعم");
    await soon(() => chair.getByTestId("count-YES").innerText()).toBe("1");
    await delegate2.getByRole("radio", { name: "امتناع" }).check();
    await delegate2.getByRole("button", { name: "أرسل الصوت" }).click();
    await delegate2.getByTestId("ballot-voted").waitFor();
    await soon(() => chair.getByTestId("count-ABSTAIN").innerText()).toBe("1");
    expect(await chair.getByTestId("vote-cast").innerText()).toContain("2");
    expect(await stillMarked(chair)).toBe(true);
    // The delegates do not see the counts before they are published.
    expect(await delegate2.getByTestId("vote-results").count()).toBe(0);

    // The first delegate casting a second time, from the stale page: refused in Arabic, nothing counted.
    await stale.getByRole("radio", { name: "لا" }).check();
    await stale.getByRole("button", { name: "أرسل الصوت" }).click();
    await stale.locator("[data-testid=vote-error][data-reason=already_voted]").waitFor();
    expect(await stale.getByTestId("vote-error").innerText()).toContain("صوّتت قوتكم في هذا التصويت من قبل");
    expect(await ballots(vote.id)).toBe(2);
    expect(await prisma().ballot.findFirstOrThrow({ where: { voteId: vote.id, forceId: force1.forceId } })).toMatchObject({ option: "YES" });
    expect(await chair.getByTestId("count-NO").innerText()).toBe("0");

    // The chair closes and publishes; the projector and both delegates see the result without a reload.
    await chair.getByRole("button", { name: "أغلق التصويت" }).click();
    await chair.getByRole("button", { name: "أعلن النتيجة" }).click();
    await chair.locator("[data-testid=vote][data-state=PUBLISHED]").waitFor();
    await projector.getByTestId("projector-result").waitFor();
    expect(await projector.getByTestId("projector-result").getAttribute("data-passed")).toBe("true");
    expect(await projector.getByTestId("projector-vote").innerText()).toMatch(/نعم.*1/);
    for (const d of [delegate1, delegate2]) {
      await d.getByTestId("vote-results").waitFor();
      expect(await d.getByTestId("vote-outcome").innerText()).toBe("أُقرّ");
      expect(await d.getByTestId("count-YES").innerText()).toBe("1");
    }
    for (const p of [chair, projector, delegate1, delegate2]) expect(await stillMarked(p)).toBe(true);
  }, 180_000);

  it("two devices of one force pressing send at the same moment: exactly one ballot counts", async () => {
    const force2 = world.forces[1]!;
    const chair = await pageAs(world.organizer.id, "/votes");
    await chair.getByLabel("موضوع التصويت").selectOption("QUESTION");
    await chair.getByLabel("السؤال المطروح").fill("هل نعتمد جدول أعمال اليوم الثاني؟");
    await chair.getByRole("button", { name: "افتح التصويت" }).click();
    await chair.getByTestId("vote-done").waitFor();
    const vote = await prisma().vote.findFirstOrThrow({ where: { conferenceId: world.conferenceId, question: "هل نعتمد جدول أعمال اليوم الثاني؟" } });

    const devices = [await pageAs(force2.delegates[0].id, "/votes"), await pageAs(force2.delegates[0].id, "/votes")];
    const answers: number[] = [];
    for (const d of devices) {
      const form = d.locator(`[data-vote-id="${vote.id}"] [data-testid=ballot-form]`);
      await form.getByRole("radio", { name: "نعم" }).check();
      d.on("response", (r) => r.request().method() === "POST" && answers.push(r.status()));
    }
    // Both clicks dispatched before either answer comes back.
    await Promise.all(devices.map((d) => d.locator(`[data-vote-id="${vote.id}"]`).getByRole("button", { name: "أرسل الصوت" }).click({ noWaitAfter: true })));
    await soon(() => answers.length).toBe(2);
    expect(answers.filter((s) => s === 409)).toHaveLength(1);
    expect(answers.filter((s) => s < 400)).toHaveLength(1);
    expect(await ballots(vote.id)).toBe(1);
    await soon(() => chair.locator(`[data-vote-id="${vote.id}"] [data-testid=vote-cast]`).innerText()).toContain("1");
    expect(await chair.locator(`[data-vote-id="${vote.id}"] [data-testid=count-YES]`).innerText()).toBe("1");
    // Both devices end up saying the force has voted; the one refused said why.
    for (const d of devices) await d.locator(`[data-vote-id="${vote.id}"] [data-testid=ballot-voted]`).waitFor();
    expect(await Promise.all(devices.map((d) => d.locator("[data-testid=vote-error][data-reason=already_voted]").count()))).toContain(1);
    // A live reload of the page's data (the chair opens another vote) keeps the refusal in view.
    const refusedOn = devices[(await Promise.all(devices.map((d) => d.locator("[data-testid=vote-error]").count()))).indexOf(1)]!;
    await chair.getByLabel("موضوع التصويت").selectOption("QUESTION");
    await chair.getByLabel("السؤال المطروح").fill("هل نرفع الجلسة؟");
    await chair.getByRole("button", { name: "افتح التصويت" }).click();
    await refusedOn.getByText("هل نرفع الجلسة؟").waitFor({ timeout: 20_000 });
    expect(await refusedOn.locator("[data-testid=vote-error][data-reason=already_voted]").count()).toBe(1);
  }, 120_000);

  it("the voting mode and a voting delegate set through their forms: only that delegate casts the force's ballot", async () => {
    const force1 = world.forces[0]!;
    const [voter, other] = force1.delegates;
    // The voting mode, on /votes.
    const chair = await pageAs(world.organizer.id, "/votes");
    await chair.getByRole("radio", { name: "المندوب المخوَّل بالتصويت فقط" }).check();
    await chair.getByTestId("voting-mode-submit").click();
    await soon(async () => (await prisma().conference.findUniqueOrThrow({ where: { id: world.conferenceId } })).votingMode).toBe("VOTING_DELEGATE");
    // The force's voting delegate on its invitation page: its checked-in member, under the first delegate's account.
    await chair.goto(`${app.url}/invitations/${force1.invitationId}`);
    const form = chair.getByTestId("voting-delegate-form");
    await form.locator("select[name=memberId]").selectOption(force1.members[0]);
    await form.locator("select[name=userId]").selectOption(voter.id);
    await form.getByTestId("voting-delegate-submit").click();
    await soon(async () => (await prisma().delegationMember.findUniqueOrThrow({ where: { id: force1.members[0] } })).isVotingDelegate).toBe(true);
    expect((await prisma().delegationMember.findUniqueOrThrow({ where: { id: force1.members[0] } })).userId).toBe(voter.id);
    await chair.getByTestId("voting-delegate-mark").waitFor();

    // A question put to the vote; the force's other delegate is refused, its voting delegate casts.
    await chair.goto(`${app.url}/votes`);
    await chair.getByLabel("موضوع التصويت").selectOption("QUESTION");
    await chair.getByLabel("السؤال المطروح").fill("هل نعتمد النظام الداخلي؟");
    await chair.getByRole("button", { name: "افتح التصويت" }).click();
    await chair.getByTestId("vote-done").waitFor();
    const vote = await prisma().vote.findFirstOrThrow({ where: { conferenceId: world.conferenceId, question: "هل نعتمد النظام الداخلي؟" } });
    // The opened vote empties the form for the next one.
    await soon(() => chair.getByLabel("السؤال المطروح").inputValue()).toBe("");
    // The other delegate's page offers no ballot and says who votes; a ballot sent anyway is refused.
    const refused = await pageAs(other.id, "/votes");
    const notYou = refused.locator(`[data-vote-id="${vote.id}"] [data-testid=ballot-not-you]`);
    expect(await notYou.innerText()).toContain("يصوّت عن قوتكم مندوبها المخوَّل بالتصويت");
    const sent = await fetch(`${app.url}/api/v1/votes/${vote.id}/ballots`, {
      method: "POST",
      headers: { cookie: await signInAs(app.url, await emailOf(other.id)), "content-type": "application/json" },
      body: JSON.stringify({ option: "YES" }),
    });
    expect(sent.status).toBe(403);
    expect(((await sent.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe("not_voting_delegate");
    expect(await ballots(vote.id)).toBe(0);
    const voted = await pageAs(voter.id, "/votes");
    const ballot = voted.locator(`[data-vote-id="${vote.id}"]`);
    await ballot.getByRole("radio", { name: "نعم" }).check();
    await ballot.getByRole("button", { name: "أرسل الصوت" }).click();
    await ballot.getByTestId("ballot-voted").waitFor();
    expect(await prisma().ballot.findFirstOrThrow({ where: { voteId: vote.id } })).toMatchObject({ forceId: force1.forceId, option: "YES" });
  }, 120_000);
});
