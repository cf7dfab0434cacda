import { cp } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's root folder. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A fixture of tests/fixtures. */
export const fixture = (...path: string[]) => join(packageRoot, 'tests', 'fixtures', ...path);

/** Copies a fixture app to `to`, without the state and build cache runs on it left (.local). */
export const copyFixture = (name: string, to: string) =>
  cp(fixture(name), to, { recursive: true, filter: (source) => basename(source) !== '.local' });
