// The strict query-string parsers (ADR 0033): unknown names, values out of range, unknown enum values
// and dates not on the calendar are a bad_request naming the parameter; good values parse as before.
import { describe, it, expect } from "vitest";
import { z } from "zod";
import { parseQuery, queryObject } from "~/domain/query-params";
import { parseForceQuery } from "~/domain/forces.server";
import { parseInvitationQuery } from "~/domain/invitations.server";
import { OutreachFilter } from "~/domain/outreach.server";
import { PlanFilter } from "~/domain/plans.server";
import { listFilters } from "~/domain/amendments.server";
import { DomainError } from "~/domain/errors";

const qs = (s: string) => new URLSearchParams(s);

function refusal(fn: () => unknown): { message: string; details: { params: string[]; fieldErrors: Record<string, string[]> } } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("bad_request");
    return err as never;
  }
  throw new Error("not refused");
}

describe("parseQuery", () => {
  const S = z.object({ n: z.coerce.number().int().min(1).max(10).optional(), e: z.enum(["a", "b"]).optional() });

  it("accepts known names and drops empty values and the framework's own parameters", () => {
    expect(parseQuery(S, qs("n=3&e=a&conf=c1&_data=routes%2Fx&index"))).toEqual({ n: 3, e: "a" });
    expect(parseQuery(S, qs("n=&e="))).toEqual({});
  });

  it("names an unknown parameter", () => {
    const e = refusal(() => parseQuery(S, qs("n=1&colour=red")));
    expect(e.message).toContain("colour");
    expect(e.details).toEqual({ params: ["colour"], fieldErrors: { colour: ["unknown"] } });
  });

  it("refuses values out of range, not numbers and unknown enum values", () => {
    expect(refusal(() => parseQuery(S, qs("n=-5"))).details.params).toEqual(["n"]);
    expect(refusal(() => parseQuery(S, qs("n=11"))).details.params).toEqual(["n"]);
    expect(refusal(() => parseQuery(S, qs("n=abc"))).details.params).toEqual(["n"]);
    expect(refusal(() => parseQuery(S, qs("n=1.5"))).details.params).toEqual(["n"]);
    expect(refusal(() => parseQuery(S, qs("e=FOO"))).details.fieldErrors).toEqual({ e: ["invalidChoice"] });
  });

  it("refuses a parameter given twice, and lets the caller read the ones it allows", () => {
    expect(refusal(() => parseQuery(S, qs("n=1&n=2"))).details.fieldErrors).toEqual({ n: ["repeated"] });
    expect(parseQuery(S, qs("n=1&format=csv"), { allow: ["format"] })).toEqual({ n: 1 });
    expect(queryObject(qs("a=1&b=&conf=x"))).toEqual({ a: "1" });
  });
});

describe("the list parsers", () => {
  it("forces: pageSize in range, known status, known names only", () => {
    expect(parseForceQuery(qs("kind=PARTY&status=NONE&pageSize=200")).pageSize).toBe(200);
    for (const bad of ["pageSize=-5", "pageSize=201", "page=0", "status=FOO", "kind=PARTYX", "member=yes", "colour=red"]) {
      expect(() => parseForceQuery(qs(bad)), bad).toThrow(DomainError);
    }
  });

  it("invitations: the same, and the record form the API's callers pass", () => {
    expect(parseInvitationQuery({ status: "SENT", pageSize: 500 }).status).toBe("SENT");
    for (const bad of ["pageSize=501", "status=FOO", "attention=1", "names=fr", "colour=red"]) {
      expect(() => parseInvitationQuery(qs(bad)), bad).toThrow(DomainError);
    }
    expect(() => parseInvitationQuery({ colour: "red" })).toThrow(DomainError);
  });

  it("outreach: real calendar dates, take and skip in range, a real flag", () => {
    expect(parseQuery(OutreachFilter, qs("from=2028-02-29&to=2026-12-31&take=200&openFollowUps=1"))).toMatchObject({ from: "2028-02-29", take: 200, openFollowUps: true });
    for (const bad of ["from=2026-13-45", "from=2026-02-30", "to=2027-02-29", "from=yesterday", "take=-5", "take=0", "take=201", "skip=-1", "channel=FOO", "openFollowUps=maybe", "colour=red"]) {
      expect(refusal(() => parseQuery(OutreachFilter, qs(bad))).details.params, bad).toEqual([bad.split("=")[0]]);
    }
  });

  it("plans: enum values and a real flag", () => {
    expect(parseQuery(PlanFilter, qs("horizon=LONG&status=DONE&overdue=false"))).toMatchObject({ horizon: "LONG", status: "DONE", overdue: false });
    for (const bad of ["horizon=NEVER", "status=FOO", "overdue=perhaps", "sort=goal"]) {
      expect(() => parseQuery(PlanFilter, qs(bad)), bad).toThrow(DomainError);
    }
  });

  it("amendments: a section is a whole number from 0, states and types are known", () => {
    expect(parseQuery(listFilters, qs("section=0&state=SUBMITTED"))).toEqual({ section: 0, state: "SUBMITTED" });
    for (const bad of ["section=-1", "section=x", "state=FOO", "type=FOO", "forceKind=ALIEN", "colour=red"]) {
      expect(() => parseQuery(listFilters, qs(bad)), bad).toThrow(DomainError);
    }
  });
});
