// New passwords: length bounds, the shipped common-password lists, the account's own words.
import { describe, it, expect } from "vitest";
import { assertAcceptablePassword, passwordProblem } from "~/domain/passwords.server";

describe("passwordProblem", () => {
  const me = ["amina@example.org", "Amina Khalil"];
  it.each([
    ["short1!", "tooShort"],
    ["x".repeat(201), "tooLong"],
    ["password1234", "common"],
    ["qwertyuiop12", "common"],
    ["123456789012", "common"],
    ["amina@example.org", "common"],
    ["Amina-Khalil-1990", "common"],
  ])("refuses %s (%s)", (pw, problem) => {
    expect(passwordProblem(pw, me)).toBe(problem);
  });
  it.each(["correct horse battery staple", "kD8#vq2!Lm9zR", "قامشلي-مؤتمر-الحوار-الوطني"])("accepts %s", (pw) => {
    expect(passwordProblem(pw, me)).toBeNull();
  });
  it("counts characters, not UTF-16 units or bytes", () => {
    expect(passwordProblem("ب".repeat(11), me)).toBe("tooShort");
  });
  it("throws a DomainError naming the field and the problem", () => {
    expect(() => assertAcceptablePassword("password1234")).toThrow(expect.objectContaining({ code: "bad_request", details: { reason: "common", fieldErrors: { password: ["common"] } } }));
  });
});
