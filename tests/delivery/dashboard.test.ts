/** The operations dashboard charts the stack's real resources and the metrics the code defines. */
import { METRICS } from '../../src/lib/metric-names.js';
import type { JsonObject } from 'sam-local/template';
import { rawTemplate, spec } from '../support/project.js';
import { dashboardBody, dashboardProblems, searchesOf } from './lib/dashboard.js';

type Template = Parameters<typeof dashboardProblems>[0];
const template = rawTemplate as unknown as Template;
const apiName = (spec.info as { title: string }).title;
const copy = () => structuredClone(template);
const bodyOf = (t: Template) =>
  (t.Resources.Dashboard!.Properties!.DashboardBody as JsonObject)['Fn::Sub'] as string;
const withBody = (t: Template, body: string) => {
  (t.Resources.Dashboard!.Properties!.DashboardBody as JsonObject)['Fn::Sub'] = body;
  return t;
};

describe('operations dashboard', () => {
  it("charts the API stage, every function, the queues and the service's own metrics, all real", () => {
    expect(dashboardProblems(template, apiName)).toEqual([]);
  });

  it('charts each metric of src/lib/metric-names.ts once, by its dimensions', () => {
    const searches = searchesOf(dashboardBody(template).widgets);
    expect(searches.map((s) => s.metric).sort()).toEqual(Object.keys(METRICS).sort());
  });

  it('is named after the stack (the deploy role may only manage dashboards named so)', () => {
    expect(template.Resources.Dashboard?.Properties?.DashboardName).toEqual({
      'Fn::Sub': '${AWS::StackName}-operations',
    });
  });

  describe('would catch a mistake', () => {
    it('a metric name typed by hand that the code does not emit', () => {
      const broken = withBody(
        copy(),
        bodyOf(template).replace('MetricName=\\"QueueWait\\"', 'MetricName=\\"QueueWaitMs\\"'),
      );
      expect(dashboardProblems(broken, apiName)).toEqual([
        'QueueWaitMs is not a metric of src/lib/metric-names.ts',
        'QueueWait is not charted',
      ]);
    });

    it('a function the dashboard forgets, and one it names that is gone', () => {
      const broken = copy();
      broken.Resources.ExportFunction = { Type: 'AWS::Serverless::Function', Properties: {} };
      delete broken.Resources.JobDlqFunction;
      expect(dashboardProblems(broken, apiName)).toEqual(
        expect.arrayContaining([
          'AWS/Lambda Errors: JobDlqFunction is no function of the template',
          'AWS/Lambda Errors: ExportFunction is not charted',
        ]),
      );
    });

    it('an API name or stage the API does not have, and another namespace', () => {
      const broken = withBody(
        copy(),
        bodyOf(template)
          .replace('"Stage", "${Stage}"]', '"Stage", "prod"]')
          .replace(
            /\{\\"\$\{MetricsNamespace\}\\",service,jobType\} MetricName=\\"JobFailed\\"/,
            '{\\"Jobs\\",service,jobType} MetricName=\\"JobFailed\\"',
          ),
      );
      expect(dashboardProblems(broken, 'Renamed API')).toEqual(
        expect.arrayContaining([
          "AWS/ApiGateway Count: ApiName Serverless Jobs Service is not the API's name (Renamed API)",
          'AWS/ApiGateway Count: Stage is not the Stage parameter',
          'JobFailed: namespace Jobs is not MetricsNamespace',
        ]),
      );
    });
  });
});
