// What the benchmarks read of a process and of the machine from /proc (Linux only; both benchmarks
// run here). CPU is counted in clock ticks of 1/100 s, so a figure needs a window of a few seconds.
import { readFileSync } from "node:fs";

/** CPU seconds (user + system) a process has used since it started. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * CPU seconds the machine's cores have worked since boot, all processes together (user, nice,
 * system, irq, softirq). Not idle or iowait, and not steal: time the hypervisor gave to other guests.
 */
export function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
  return (user + nice + system + irq + softirq) / 100;
}
