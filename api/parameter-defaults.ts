// Generated from openapi.yaml by `npm run generate`. Do not edit.

/** Per operation and location, the parameters the contract gives a default: a handler always receives them. */
export interface DefaultedParameters {
  listUsers: { query: 'limit' };
  listJobs: { query: 'limit' };
}
