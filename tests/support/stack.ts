/**
 * The service's local stack (`npm start`: sam-local on template.yaml) on free ports, for tests that
 * only make sense locally: they read its output (confirmation codes, function logs), inspect its
 * emulators or stop it. The black-box suite (tests/deployed) never uses this: it reaches any stack,
 * local or deployed, from its outputs.
 */
import { startStack as startSamLocal, type StackTarget, type StartStackOptions } from 'sam-local/testing';
import { projectRoot } from './paths.js';

export type { StackTarget, StartStackOptions };

/**
 * The service's template unless `options.template` names another. With `--strict-responses`: a
 * function response that openapi.yaml's response schema for its status refuses is a 502 (and a
 * warning line), so any test that reaches it fails; AWS does not validate responses, this is how
 * the tests hold the handlers to the contract.
 */
export const startStack = (options: StartStackOptions = {}): Promise<StackTarget> =>
  startSamLocal({ cwd: projectRoot, ...options, args: ['--strict-responses', ...(options.args ?? [])] });
