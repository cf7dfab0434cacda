import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { rawTemplate } from '../support/project.js';
import { projectRoot } from '../support/paths.js';

// tests/schemas/sam.schema.json: the SAM template schema (source and licence in tests/schemas/README.md).
const samSchema = JSON.parse(
  readFileSync(join(projectRoot, 'tests/schemas/sam.schema.json'), 'utf8'),
) as object;

describe('template.yaml against the SAM JSON schema', () => {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  const validate = ajv.compile(samSchema);

  it('validates', () => {
    const ok = validate(rawTemplate);
    expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('would catch a mistake (a function with an unknown property)', () => {
    const broken = structuredClone(rawTemplate) as {
      Resources: Record<string, { Properties: Record<string, unknown> }>;
    };
    (broken.Resources.HealthFunction as { Properties: Record<string, unknown> }).Properties.Handlr =
      'health.handler';
    expect(validate(broken)).toBe(false);
  });
});
