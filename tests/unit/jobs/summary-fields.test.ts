/**
 * The job summary's fields, one list in code (SUMMARY_FIELDS), tied to the two other places that
 * must say the same: the ByOwnerCreatedAt index of template.yaml, which must hold every field a
 * listing shows (a field it lacks comes back absent, silently), and the contract's Job, which shows
 * the summary without its owner and with a result link instead of the result's key.
 */
import { SUMMARY_FIELDS } from '../../../src/jobs/model.js';
import { rawTemplate, spec } from '../../support/project.js';

type Index = {
  IndexName: string;
  KeySchema: { AttributeName: string }[];
  Projection: Record<string, unknown>;
};
type Table = { Properties: { KeySchema: { AttributeName: string }[]; GlobalSecondaryIndexes: Index[] } };

/** Fields the owner never sees, and what the view shows instead of the result key. */
const HIDDEN = ['ownerId', 'resultKey'];
const DERIVED = ['jobProcessedPayload'];

function summaryProblems(
  template: typeof rawTemplate,
  contract: typeof spec,
  fields: readonly string[],
): string[] {
  const table = (template.Resources as Record<string, Table>).JobsTable!;
  const index = table.Properties.GlobalSecondaryIndexes.find((i) => i.IndexName === 'ByOwnerCreatedAt');
  if (!index) return ['JobsTable has no ByOwnerCreatedAt index'];
  const projected = new Set([
    ...table.Properties.KeySchema.map((k) => k.AttributeName),
    ...index.KeySchema.map((k) => k.AttributeName),
    ...((index.Projection.NonKeyAttributes as string[] | undefined) ?? []),
  ]);
  const problems: string[] = [];
  if (index.Projection.ProjectionType !== 'INCLUDE')
    problems.push('ByOwnerCreatedAt does not project INCLUDE');
  for (const f of fields) if (!projected.has(f)) problems.push(`ByOwnerCreatedAt does not hold ${f}`);
  for (const f of projected)
    if (!fields.includes(f)) problems.push(`ByOwnerCreatedAt holds ${f}, which no summary shows`);
  const shown = Object.keys((contract.components.schemas?.Job as { properties: object }).properties).sort();
  const expected = [...fields.filter((f) => !HIDDEN.includes(f)), ...DERIVED].sort();
  if (JSON.stringify(shown) !== JSON.stringify(expected))
    problems.push(`the contract's Job shows ${shown.join(', ')}; the summary gives ${expected.join(', ')}`);
  return problems;
}

describe('job summary fields', () => {
  it('are what the owner index holds and what the contract shows', () => {
    expect(summaryProblems(rawTemplate, spec, SUMMARY_FIELDS)).toEqual([]);
  });

  describe('would catch a mistake', () => {
    it('a summary field the index does not project', () => {
      expect(summaryProblems(rawTemplate, spec, [...SUMMARY_FIELDS, 'attempts'])).toEqual([
        'ByOwnerCreatedAt does not hold attempts',
        "the contract's Job shows createdAt, error, jobId, jobProcessedPayload, jobStatus, jobType, updatedAt; the summary gives attempts, createdAt, error, jobId, jobProcessedPayload, jobStatus, jobType, updatedAt",
      ]);
    });

    it('an index that drops a field, or copies one no listing shows (a payload)', () => {
      const broken = structuredClone(rawTemplate);
      const index = (broken.Resources as Record<string, Table>).JobsTable!.Properties
        .GlobalSecondaryIndexes[0]!;
      index.Projection.NonKeyAttributes = ['jobType', 'jobStatus', 'updatedAt', 'resultKey', 'payload'];
      expect(summaryProblems(broken, spec, SUMMARY_FIELDS)).toEqual([
        'ByOwnerCreatedAt does not hold error',
        'ByOwnerCreatedAt holds payload, which no summary shows',
      ]);
    });

    it('a field added to the contract that the summary does not carry', () => {
      const broken = structuredClone(spec);
      (broken.components.schemas?.Job as { properties: Record<string, unknown> }).properties.priority = {};
      expect(summaryProblems(rawTemplate, broken, SUMMARY_FIELDS)).toHaveLength(1);
    });
  });
});
