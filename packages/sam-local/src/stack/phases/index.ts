/**
 * The phases that load the heavy modules (the AWS SDK, ajv, find-my-way): imported in one
 * go while the emulators boot, so the runner's own start-up overlaps theirs.
 */
export { startEventSources } from './event-sources.js';
export { startFunctions } from './functions.js';
export { startGatewayPhase } from './gateway.js';
export { startOutputs } from './outputs.js';
export { startResources } from './resources.js';
export { printSummary } from '../summary.js';
