// The main thread's handle on fold-worker.mjs: one worker, started on the first compaction, that does
// not keep the process alive by itself.
import { Worker } from "node:worker_threads";

export class Folder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(state: Uint8Array): void; reject(err: Error): void }>();
  private nextId = 1;

  /** The snapshot (or nothing) with the rows applied in order, encoded as one state update. */
  fold(snapshot: Uint8Array | null, rows: Uint8Array[]): Promise<Uint8Array> {
    const worker = this.start();
    const ends: number[] = [];
    let length = 0;
    for (const r of rows) ends.push((length += r.length));
    const packed = new Uint8Array(length);
    rows.forEach((r, i) => packed.set(r, i ? ends[i - 1]! : 0));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, snapshot: snapshot?.slice() ?? null, packed, ends }, [packed.buffer]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./fold-worker.mjs", import.meta.url));
    worker.unref();
    worker.on("message", (msg: { id: number; state?: Uint8Array; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (!this.pending.size) worker.unref();
      if (msg.error !== undefined) p.reject(new Error(`fold failed: ${msg.error}`));
      else p.resolve(msg.state!);
    });
    const fail = (err: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the fold thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  async close() {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}
