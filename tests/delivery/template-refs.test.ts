/** Every Ref, GetAtt, Sub variable, condition and DependsOn in the templates names something declared. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCloudFormationYaml, type JsonObject } from 'sam-local/template';
import { projectRoot } from '../support/paths.js';
import { rawTemplate } from '../support/project.js';
import { includedDocuments, referenceProblems, samGeneratedIds } from './lib/cfn-references.js';

const included = includedDocuments(rawTemplate, projectRoot);
const pipeline = parseCloudFormationYaml(
  readFileSync(join(projectRoot, 'pipeline.yaml'), 'utf8'),
) as JsonObject;

type Doc = JsonObject & { Resources: Record<string, JsonObject> };

describe('references in template.yaml (api/gateway.yaml included) and pipeline.yaml', () => {
  it('template.yaml includes the generated api/gateway.yaml, whose references are checked with it', () => {
    expect(included.map((i) => i.location)).toEqual(['api/gateway.yaml']);
  });

  it('template.yaml and the documents it includes name only declared things', () => {
    expect(referenceProblems(rawTemplate, { included })).toEqual([]);
  });

  it('pipeline.yaml names only declared things', () => {
    expect(referenceProblems(pipeline)).toEqual([]);
  });

  it('knows the ids SAM generates that a template may name, and no others', () => {
    const ids = samGeneratedIds(rawTemplate);
    expect(ids).toEqual(
      expect.arrayContaining([
        'HealthFunctionRole',
        'JobProcessorFunctionJobsQueue',
        'ApiStage',
        'HealthFunctionAliaslive',
        'HealthFunction.Alias',
        'HealthFunction.Version',
        'HealthFunctionDeploymentGroup',
        'ServerlessDeploymentApplication',
      ]),
    );
    // The hook has no alias of its own, so nothing may name one.
    expect(ids).not.toContain('PreTrafficHookFunctionAliaslive');
    // No function has an Api event, so SAM creates no implicit API to refer to.
    expect(ids).not.toContain('ServerlessRestApi');
  });

  describe('would catch a mistake', () => {
    it('a Ref to a parameter that does not exist', () => {
      const broken = structuredClone(rawTemplate) as Doc;
      (broken.Resources.FunctionsLogGroup!.Properties as JsonObject).RetentionInDays = {
        Ref: 'LogRetentionDayz',
      };
      expect(referenceProblems(broken, { included })).toEqual([
        '/Resources/FunctionsLogGroup/Properties/RetentionInDays/Ref: Ref LogRetentionDayz names no parameter or resource',
      ]);
    });

    it('a GetAtt of a renamed resource', () => {
      const broken = structuredClone(rawTemplate) as Doc;
      broken.Resources.JobsTabl = broken.Resources.JobsTable!;
      delete broken.Resources.JobsTable;
      expect(referenceProblems(broken, { included }).join('\n')).toMatch(
        /Fn::GetAtt \["JobsTable","Arn"\] names no resource/,
      );
    });

    it('an integration URI in api/gateway.yaml naming a function (its alias) that is not in the template', () => {
      const broken = structuredClone(rawTemplate) as Doc;
      delete broken.Resources.OpenApiFunction;
      delete broken.Resources.OpenApiFunctionApiPermission;
      delete broken.Resources.OpenApiFunctionErrorsAlarm;
      // The dashboard charts it four times (errors, throttles, duration, concurrency).
      expect([...new Set(referenceProblems(broken, { included }))].sort()).toEqual([
        '${OpenApiFunction.Version} in /Resources/PreTrafficHookFunction/Properties/Environment/Variables/API_FUNCTION_VERSIONS/Fn::Sub names no parameter, resource or attribute',
        '${OpenApiFunctionAliaslive} in api/gateway.yaml/paths//openapi.json/get/x-amazon-apigateway-integration/uri/Fn::Sub names no parameter, resource or attribute',
        '${OpenApiFunction} in /Resources/Dashboard/Properties/DashboardBody/Fn::Sub names no parameter, resource or attribute',
        '/Resources/PreTrafficHookFunction/Properties/Policies/0/Statement/0/Resource/1/Ref: Ref OpenApiFunction.Version names no parameter or resource',
      ]);
    });

    it('a parameter the included definition names that the template does not declare', () => {
      const broken = structuredClone(rawTemplate) as Doc & { Parameters: JsonObject };
      delete broken.Parameters.CorsAllowedOrigin;
      const problems = referenceProblems(broken, { included });
      expect(
        problems.filter(
          (p) =>
            p.startsWith('api/gateway.yaml') &&
            p.endsWith('Ref CorsAllowedOrigin names no parameter or resource'),
        ).length,
      ).toBeGreaterThan(0);
    });

    it('an Fn::If on a condition pipeline.yaml does not declare', () => {
      const broken = structuredClone(pipeline) as Doc & { Conditions: JsonObject };
      delete broken.Conditions.ManualApproval;
      expect(referenceProblems(broken)).toEqual([
        '/Resources/Pipeline/Properties/Stages/4/Actions/0/Fn::If: Fn::If condition ManualApproval is not declared',
      ]);
    });
  });
});
