/**
 * Where a process's CPU goes, by thread, from Linux's /proc/<pid>/stat and
 * /proc/<pid>/task/<pid>/stat (utime + stime, in clock ticks of 10 ms): the main thread (for the
 * runner: the API gateway, the SQS/S3 emulator and the event-source pollers) against all its other
 * threads (function worker threads, V8's background compiler and GC threads, libuv's pool). Node
 * has no per-thread CPU figure of its own; elsewhere than Linux this reports nothing.
 */
import { readFileSync } from 'node:fs';

export interface ThreadCpu {
  mainMs: number;
  otherMs: number;
}

const TICK_MS = 10;

/** utime + stime of a /proc stat line, in ms (fields 14 and 15; the command name may hold spaces). */
function cpuMsOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * The CPU `pid` has used so far: its main thread's, and the rest of the process's (the process
 * figure counts threads that have already ended too), or undefined where /proc cannot tell.
 */
export function threadCpu(pid: number): ThreadCpu | undefined {
  try {
    const process = cpuMsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const main = cpuMsOf(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
    return { mainMs: main, otherMs: Math.max(0, process - main) };
  } catch {
    return undefined;
  }
}

/** CPU microseconds per request, by thread group. */
export interface CpuPerRequest {
  mainThread: number;
  otherThreads: number;
}

/** CPU microseconds per request between two readings, by thread group. */
export function perRequestUs(before: ThreadCpu, after: ThreadCpu, requests: number): CpuPerRequest {
  const us = (ms: number) => Math.round((ms * 1000) / Math.max(1, requests));
  return {
    mainThread: us(after.mainMs - before.mainMs),
    otherThreads: us(after.otherMs - before.otherMs),
  };
}
