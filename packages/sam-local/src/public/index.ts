/**
 * sam-local's programmatic start: the same stack as the `sam-local` command, in this process (its
 * output goes to this process's stdout). Tests that read the stack's output or kill it use
 * `sam-local/testing` instead, which runs the command in a child process.
 */
export { parseCli as parseOptions, USAGE } from '../cli/args.js';
export { startLocalStack, type LocalStack, type StackOptions } from '../stack/index.js';
export { StartError } from '../errors.js';
