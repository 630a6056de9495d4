/**
 * CPU time of the processes a bench started, grouped by program: every descendant of this
 * process (PostgreSQL with its backends, HAProxy, Squid with its helpers, node children), read
 * from /proc/<pid>/stat (utime + stime at 100 Hz). Linux only; elsewhere the snapshot is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessCpu {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function readStat(pid: number): ProcessCpu | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU ms (user + system) process `pid` has used so far. */
export function cpuMsOf(pid: number): number {
  return readStat(pid)?.cpuMs ?? NaN;
}

/** This process and all its descendants, by pid. */
export function processTree(root = process.pid): Map<number, ProcessCpu> {
  let all: ProcessCpu[];
  try {
    all = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readStat(Number(name)))
      .filter((p): p is ProcessCpu => p !== undefined);
  } catch {
    return new Map();
  }
  const tree = new Map<number, ProcessCpu>();
  const self = all.find((p) => p.pid === root);
  if (self) tree.set(root, self);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.set(p.pid, p);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * CPU ms used between two snapshots, summed per group; `groupOf` names a process's group
 * (processes that started after `before` count from 0).
 */
export function cpuDelta(
  before: Map<number, ProcessCpu>,
  after: Map<number, ProcessCpu>,
  groupOf: (p: ProcessCpu) => string,
): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const p of after.values()) {
    const group = groupOf(p);
    sums[group] = (sums[group] ?? 0) + p.cpuMs - (before.get(p.pid)?.cpuMs ?? 0);
  }
  return sums;
}

/** CPU ms the whole machine has been busy (all CPUs, not idle or waiting on I/O), from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const ticks = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
    return (ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!) * 10;
  } catch {
    return NaN;
  }
}
