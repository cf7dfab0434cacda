/** The published contract (api/openapi.json), as GET /openapi.json serves it: what tests check responses against. */
import document from '../../api/openapi.json' with { type: 'json' };

export const publishedSpec = document as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;
