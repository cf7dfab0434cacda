import type { JobTypeModule } from './job-type.js';

/** `echo`: the result is the payload itself. */
export const echo: JobTypeModule<'echo'> = {
  run: (payload) => payload,
};
