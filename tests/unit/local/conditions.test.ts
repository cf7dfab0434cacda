/**
 * Template Conditions on the local stack (local/sam/conditions.ts, Fn::If in local/sam/intrinsics.ts),
 * as CloudFormation applies them: conditions from parameter values, resources and outputs whose
 * condition is false not created, Fn::If picking its branch, AWS::NoValue removing a property.
 */
import { join } from 'node:path';
import { activeTemplate, evaluateConditions } from '../../../local/sam/conditions.js';
import { resolveIntrinsics, resolveToString, Unresolvable } from '../../../local/sam/intrinsics.js';
import { functionsOf, loadTemplate, text, type Json, type SamTemplate } from '../../../local/sam/template.js';
import { projectRoot } from '../../support/paths.js';

const conditions = {
  IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
  HasEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Email' }, ''] }] },
  ProdWithEmail: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'HasEmail' }] },
  ProdOrEmail: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'HasEmail' }] },
  SubEquals: { 'Fn::Equals': [{ 'Fn::Sub': '${Stage}-x' }, 'dev-x'] },
};

describe('evaluateConditions', () => {
  it('evaluates Equals, Not, And, Or and named conditions from the parameters', () => {
    expect(evaluateConditions(conditions, { parameters: { Stage: 'dev', Email: 'a@example.test' } })).toEqual(
      {
        IsProd: false,
        HasEmail: true,
        ProdWithEmail: false,
        ProdOrEmail: true,
        SubEquals: true,
      },
    );
    expect(evaluateConditions(conditions, { parameters: { Stage: 'prod', Email: '' } })).toMatchObject({
      IsProd: true,
      ProdWithEmail: false,
      ProdOrEmail: true,
    });
  });

  it('refuses an unknown condition, a loop and a function that is not a condition', () => {
    expect(() => evaluateConditions({ A: { Condition: 'Missing' } }, { parameters: {} })).toThrow(
      'template condition A: no condition Missing in the template',
    );
    expect(() =>
      evaluateConditions({ A: { Condition: 'B' }, B: { Condition: 'A' } }, { parameters: {} }),
    ).toThrow(/refers to itself/);
    expect(() => evaluateConditions({ A: { 'Fn::If': ['B', true, false] } }, { parameters: {} })).toThrow(
      'template condition A: Fn::If is not a condition function',
    );
  });
});

describe('Fn::If and AWS::NoValue', () => {
  const ctx = { parameters: { Origin: '*' }, resources: {}, conditions: { On: true, Off: false } };

  it('picks the branch of the condition, and drops a property or item that is AWS::NoValue', () => {
    expect(resolveIntrinsics({ 'Fn::If': ['On', 'yes', 'no'] }, ctx)).toBe('yes');
    expect(resolveIntrinsics({ 'Fn::If': ['Off', 'yes', { Ref: 'Origin' }] }, ctx)).toBe('*');
    expect(
      resolveIntrinsics(
        {
          A: { 'Fn::If': ['Off', 1, { Ref: 'AWS::NoValue' }] },
          B: [1, { 'Fn::If': ['On', { Ref: 'AWS::NoValue' }, 2] }],
        },
        ctx,
      ),
    ).toEqual({ B: [1] });
    expect(
      resolveToString({ 'Fn::Sub': ["'${O}'", { O: { 'Fn::If': ['Off', 'x', { Ref: 'Origin' }] } }] }, ctx),
    ).toBe("'*'");
  });

  it('does not guess a condition it was not given', () => {
    expect(() => resolveIntrinsics({ 'Fn::If': ['Unknown', 'a', 'b'] }, ctx)).toThrow(Unresolvable);
    expect(() =>
      resolveIntrinsics({ 'Fn::If': ['On', 'a', 'b'] }, { parameters: {}, resources: {} }),
    ).toThrow('Fn::If: condition On is not known');
  });
});

describe('the project template', () => {
  const template = loadTemplate(join(projectRoot, 'template.yaml'));
  const under = (overrides: Record<string, string>): SamTemplate => {
    const parameters: Record<string, string> = {};
    for (const [name, p] of Object.entries(template.Parameters))
      parameters[name] = overrides[name] ?? text(p.Default);
    return activeTemplate(template, evaluateConditions(template.Conditions, { parameters }));
  };
  const consoleIds = [
    'ConsoleBucket',
    'ConsoleBucketPolicy',
    'ConsoleOriginAccessControl',
    'ConsoleDistribution',
  ];

  it('creates no console resource or output by default, so the local stack has none', () => {
    const active = under({});
    for (const id of consoleIds) expect(active.Resources[id]).toBeUndefined();
    expect(Object.keys(active.Outputs).filter((k) => k.startsWith('Console'))).toEqual([]);
    expect(active.Resources.AlarmEmailSubscription).toBeUndefined();
    expect(Object.keys(active.Resources).length).toBe(Object.keys(template.Resources).length - 5);
  });

  it('creates them with DeployConsole=true, and the functions then allow only the console origin', () => {
    const active = under({ DeployConsole: 'true' });
    for (const id of consoleIds) expect(active.Resources[id]).toBeDefined();
    const parameters = { CorsAllowedOrigin: '*' };
    const variables = (functionsOf(active)[0]?.properties.Environment as { Variables: Record<string, Json> })
      .Variables;
    const origin = variables.CORS_ALLOWED_ORIGIN ?? null;
    const distribution = {
      ConsoleDistribution: { ref: 'E123', attributes: { DomainName: 'd1.cloudfront.net' } },
    };
    expect(
      resolveToString(origin, { parameters, resources: distribution, conditions: { ConsoleDeployed: true } }),
    ).toBe('https://d1.cloudfront.net');
    expect(
      resolveToString(origin, { parameters, resources: {}, conditions: { ConsoleDeployed: false } }),
    ).toBe('*');
  });
});
