// ADR 0013: the embedded database's thread and compaction's fold thread run at a lower priority than
// the main thread (Linux: per-thread nice values, read here from /proc), and a bad setting is refused.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { backgroundNice } from "../../server/thread-priority.mjs";
import { openDatabase } from "../../server/db/client.js";

/** Nice value of each thread of this process, by thread id. */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended meanwhile
    }
    // Fields after the command name: state is field 3, nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    nices.set(Number(tid), Number(fields[16]));
  }
  return nices;
}

const lowered = (before: Map<number, number>) => [...threadNices()].filter(([tid, nice]) => nice === 10 && before.get(tid) !== 10);

describe("background thread priority", () => {
  it("reads BACKGROUND_THREAD_NICE: 10 by default, 0 to 19 accepted, anything else refused", () => {
    expect(backgroundNice({})).toBe(10);
    expect(backgroundNice({ BACKGROUND_THREAD_NICE: "" })).toBe(10);
    expect(backgroundNice({ BACKGROUND_THREAD_NICE: "0" })).toBe(0);
    expect(backgroundNice({ BACKGROUND_THREAD_NICE: "19" })).toBe(19);
    for (const bad of ["abc", "-1", "20", "1.5"]) {
      expect(() => backgroundNice({ BACKGROUND_THREAD_NICE: bad })).toThrow(/BACKGROUND_THREAD_NICE must be an integer from 0 to 19/);
    }
  });

  // Only where nice values are per thread, and where this process itself runs above nice 10.
  const runs = process.platform === "linux" && (threadNices().get(process.pid) ?? 10) < 10;
  it.runIf(runs)("lowers the embedded database's thread and the fold thread, never the main thread", async () => {
    const before = threadNices();
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      expect((await db.sql.query(`SELECT 1 AS "one"`))[0]).toEqual({ one: 1 });
      expect(lowered(before)).toHaveLength(1);

      const fold = new Worker(new URL("../../server/collab/fold-worker.mjs", import.meta.url));
      try {
        // One fold answered: the worker's module, and its priority call, have run.
        const answer = await new Promise<{ id: number }>((resolve, reject) => {
          fold.once("message", resolve);
          fold.once("error", reject);
          fold.postMessage({ id: 1, snapshot: null, packed: new Uint8Array(0), ends: [] });
        });
        expect(answer.id).toBe(1);
        expect(lowered(before)).toHaveLength(2);
      } finally {
        await fold.terminate();
      }
      expect(threadNices().get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await db.close();
    }
  });
});
