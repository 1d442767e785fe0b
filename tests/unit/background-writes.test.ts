// writeInChunks (ADR 0076): a background job's chunks in order, with pauses that keep its writes to its
// share of the time; bad sizes and shares are refused before anything is written.
import { describe, it, expect } from "vitest";
import { writeInChunks } from "~/domain/background-writes.server";

/** A clock the chunks and pauses move by hand. */
function fakeClock() {
  let t = 0;
  const pauses: number[] = [];
  return { pauses, now: () => t, advance: (ms: number) => void (t += ms), sleep: async (ms: number) => void (pauses.push(ms), (t += ms)) };
}

describe("writeInChunks", () => {
  it("writes every item once, in order, chunk by chunk, and returns each chunk's result", async () => {
    const seen: number[][] = [];
    const clock = fakeClock();
    const out = await writeInChunks([1, 2, 3, 4, 5, 6, 7], 3, async (c) => (seen.push(c), c.length), { now: clock.now, sleep: clock.sleep });
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(out).toEqual([3, 3, 1]);
  });

  it("pauses after each chunk but the last so that writes take their share of the time", async () => {
    const clock = fakeClock();
    const took = [40, 10, 30];
    let i = 0;
    await writeInChunks(["a", "b", "c"], 1, async () => clock.advance(took[i++]!), { now: clock.now, sleep: clock.sleep });
    expect(clock.pauses).toEqual([40, 10]);
    const third = fakeClock();
    i = 0;
    await writeInChunks(["a", "b", "c"], 1, async () => third.advance(took[i++]!), { share: 0.25, now: third.now, sleep: third.sleep });
    expect(third.pauses).toEqual([120, 30]);
  });

  it("a whole share never pauses; a very slow chunk pauses at most 5 s", async () => {
    const clock = fakeClock();
    await writeInChunks([1, 2], 1, async () => clock.advance(50), { share: 1, now: clock.now, sleep: clock.sleep });
    expect(clock.pauses).toEqual([]);
    const slow = fakeClock();
    await writeInChunks([1, 2], 1, async () => slow.advance(60_000), { now: slow.now, sleep: slow.sleep });
    expect(slow.pauses).toEqual([5_000]);
  });

  it("nothing to write: no call, no pause", async () => {
    const clock = fakeClock();
    let calls = 0;
    expect(await writeInChunks([], 50, async () => calls++, { now: clock.now, sleep: clock.sleep })).toEqual([]);
    expect(calls).toBe(0);
    expect(clock.pauses).toEqual([]);
  });

  it("refuses a chunk size or share that cannot work, before writing", async () => {
    let calls = 0;
    const write = async () => calls++;
    for (const size of [0, -1, 1.5, NaN]) await expect(writeInChunks([1], size, write)).rejects.toThrow(/chunk size/);
    for (const share of [0, -0.5, 1.5, NaN]) await expect(writeInChunks([1], 1, write, { share })).rejects.toThrow(/share/);
    expect(calls).toBe(0);
  });
});
