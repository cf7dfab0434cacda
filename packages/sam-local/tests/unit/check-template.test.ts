/**
 * The import check over a SAM template: every REST API definition found where SAM and
 * CloudFormation take it from, and the project's accepted warnings applied (Metadata.ApiImportCheck).
 */
import { applyAcceptance } from '../../src/apigw/acceptance.js';
import { checkTemplateApis } from '../../src/apigw/check-template.js';
import type { Finding } from '../../src/apigw/import-check.js';
import { apiDefinitionsOf } from '../../src/apigw/template-apis.js';
import { loadTemplate } from '../../src/sam/template.js';
import { fixture as fixtureFile } from '../support/paths.js';

const fixture = fixtureFile('api-import', 'template.yaml');

describe('the REST API definitions of a template', () => {
  const sources = apiDefinitionsOf(loadTemplate(fixture));
  const byId = Object.fromEntries(sources.map((s) => [s.logicalId, s]));

  it('reads DefinitionBody through AWS::Include, DefinitionUri, Body and a local BodyS3Location', () => {
    expect(byId.IncludedApi).toMatchObject({
      origin: 'definitions/root-security.yaml',
      definition: { openapi: '3.0.3' },
    });
    expect(byId.UriApi).toMatchObject({
      origin: 'definitions/warnings.json',
      definition: { openapi: '3.0.3' },
    });
    expect(byId.InlineRestApi?.definition).toMatchObject({ info: { title: 'inline' } });
    expect(byId.PackagedRestApi).toMatchObject({
      origin: 'definitions/warnings.json',
      definition: { openapi: '3.0.3' },
    });
  });

  it('says which definitions it cannot read (an S3 location)', () => {
    expect(byId.S3Api).toMatchObject({ unavailable: expect.stringMatching(/S3/) });
    expect(byId.S3Api?.definition).toBeUndefined();
  });
});

describe('checking a template', () => {
  const checked = Object.fromEntries(checkTemplateApis(loadTemplate(fixture)).map((a) => [a.logicalId, a]));
  const summary = (id: string) => checked[id]?.findings.map((f) => `${f.level} ${f.rule} ${f.path}`);

  it('reports the errors of an included definition', () => {
    expect(summary('IncludedApi')).toEqual([
      'error root-security /security',
      'error operation-security-missing /paths/~1items/get',
      'warning parameter-attribute-ignored /paths/~1items/get/parameters/0/schema/maximum',
    ]);
  });

  it("leaves out the warnings the resource's Metadata accepts, with their reason", () => {
    expect(summary('UriApi')).toEqual([
      'warning gateway-response-not-customizable /x-amazon-apigateway-gateway-responses/REQUEST_TOO_LARGE',
    ]);
    expect(checked.UriApi?.accepted.map((a) => [a.finding.path, a.reason])).toEqual([
      [
        '/paths/~1items~1{id}/get/parameters/0/schema/maxLength',
        "the function checks the id's length and characters",
      ],
      [
        '/paths/~1items~1{id}/get/parameters/0/schema/pattern',
        "the function checks the id's length and characters",
      ],
    ]);
    // The same definition without the acceptance keeps every warning.
    expect(summary('PackagedRestApi')).toHaveLength(3);
  });

  it('finds nothing in a definition API Gateway imports as written', () => {
    expect(checked.InlineRestApi?.findings).toEqual([]);
  });
});

describe('accepting warnings (Metadata.ApiImportCheck.Accept)', () => {
  const warning: Finding = {
    level: 'warning',
    rule: 'parameter-attribute-ignored',
    path: '/paths/~1a/get/parameters/0/schema/maxLength',
    message: 'ignored',
    docUrl: 'https://docs.aws.amazon.com/apigateway/',
  };
  const error: Finding = { ...warning, level: 'error', rule: 'root-security', path: '/security' };
  const accept = (...entries: unknown[]) => ({ ApiImportCheck: { Accept: entries } });
  const rules = (findings: Finding[]) => findings.map((f) => `${f.level} ${f.rule}`);

  it('accepts a warning at its exact path, and under a /** subtree', () => {
    for (const Path of [warning.path, '/paths/~1a/get/**']) {
      const out = applyAcceptance(
        [warning],
        accept({ Rule: warning.rule, Path, Reason: 'checked by the function' }) as never,
        '/Resources/Api',
      );
      expect(out.findings).toEqual([]);
      expect(out.accepted).toEqual([{ finding: warning, reason: 'checked by the function' }]);
    }
  });

  it('refuses to accept an error: it stays, and the entry is an error too', () => {
    const out = applyAcceptance(
      [error],
      accept({ Rule: 'root-security', Path: '/security', Reason: 'we know' }) as never,
      '/Resources/Api',
    );
    expect(rules(out.findings)).toEqual(['error accept-invalid', 'error root-security']);
    expect(out.findings[0]?.path).toBe('/Resources/Api/Metadata/ApiImportCheck/Accept/0');
    expect(out.accepted).toEqual([]);
  });

  it('requires a reason and a known rule', () => {
    const out = applyAcceptance(
      [warning],
      accept(
        { Rule: warning.rule, Path: warning.path },
        { Rule: 'no-such-rule', Path: '/x', Reason: 'r' },
      ) as never,
      '/Resources/Api',
    );
    expect(rules(out.findings)).toEqual([
      'error accept-invalid',
      'error accept-invalid',
      'warning parameter-attribute-ignored',
    ]);
  });

  it('reports an entry that matches nothing, so the list does not outlive the definition', () => {
    const out = applyAcceptance(
      [],
      accept({ Rule: warning.rule, Path: '/gone', Reason: 'r' }) as never,
      '/Resources/Api',
    );
    expect(out.findings).toMatchObject([
      { level: 'warning', rule: 'accept-unused', path: '/Resources/Api/Metadata/ApiImportCheck/Accept/0' },
    ]);
  });
});
