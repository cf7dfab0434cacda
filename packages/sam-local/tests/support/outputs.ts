import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The stack outputs a run wrote to its data folder (<data>/stack-outputs.json), by key. */
export async function stackOutputs(dataDir: string): Promise<Record<string, string>> {
  const document = JSON.parse(await readFile(join(dataDir, 'stack-outputs.json'), 'utf8')) as {
    Stacks: [{ Outputs: { OutputKey: string; OutputValue: string }[] }];
  };
  return Object.fromEntries(document.Stacks[0].Outputs.map((o) => [o.OutputKey, o.OutputValue]));
}
