/**
 * The runner's terminal output. Lines are gathered and written once per event-loop turn: stdout to
 * a pipe is synchronous on Linux, and one write per request would cost the API real throughput.
 */
let buffer: string[] = [];
let scheduled = false;

function flushSoon(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(flush);
}

export function flush(): void {
  scheduled = false;
  if (buffer.length === 0) return;
  const text = buffer.join('\n') + '\n';
  buffer = [];
  process.stdout.write(text);
}

export function line(text: string): void {
  buffer.push(text);
  flushSoon();
}

export function warn(text: string): void {
  line(`warning: ${text}`);
}
