/**
 * This package's folder, whether its sources run as they are (jest, tsx) or bundled into .cache/ by
 * bin/sam-local.js, which defines SAM_LOCAL_PACKAGE_ROOT (the bundle no longer sits beside them).
 */
import { fileURLToPath } from 'node:url';

declare const SAM_LOCAL_PACKAGE_ROOT: string | undefined;

export const packageRoot: string =
  typeof SAM_LOCAL_PACKAGE_ROOT === 'string'
    ? SAM_LOCAL_PACKAGE_ROOT
    : fileURLToPath(new URL('..', import.meta.url));
