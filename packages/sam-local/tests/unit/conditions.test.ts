/**
 * Template Conditions on the local stack (sam/conditions.ts, Fn::If in sam/intrinsics.ts),
 * as CloudFormation applies them: conditions from parameter values, resources and outputs whose
 * condition is false not created, Fn::If picking its branch, AWS::NoValue removing a property.
 */
import { activeTemplate, evaluateConditions } from '../../src/sam/conditions.js';
import {
  resolveIntrinsics,
  resolvePropertyString,
  resolveToString,
  Unresolvable,
} from '../../src/sam/intrinsics.js';
import { functionsOf, type SamTemplate } from '../../src/sam/template.js';

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

  it('leaves a property that is AWS::NoValue unset, and refuses it where a value is required', () => {
    const maybe = { 'Fn::If': ['Off', { Ref: 'Origin' }, { Ref: 'AWS::NoValue' }] };
    expect(resolvePropertyString(maybe, ctx)).toBeUndefined();
    expect(resolvePropertyString({ 'Fn::If': ['On', { Ref: 'Origin' }, { Ref: 'AWS::NoValue' }] }, ctx)).toBe(
      '*',
    );
    expect(() => resolveToString(maybe, ctx)).toThrow('AWS::NoValue where a value is required');
  });

  it('does not guess a condition it was not given', () => {
    expect(() => resolveIntrinsics({ 'Fn::If': ['Unknown', 'a', 'b'] }, ctx)).toThrow(Unresolvable);
    expect(() =>
      resolveIntrinsics({ 'Fn::If': ['On', 'a', 'b'] }, { parameters: {}, resources: {} }),
    ).toThrow('Fn::If: condition On is not known');
  });
});

describe('activeTemplate', () => {
  const template: SamTemplate = {
    path: '/app/template.yaml',
    dir: '/app',
    raw: {},
    includes: [],
    Parameters: { Stage: { Type: 'String', Default: 'dev' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Globals: {},
    Resources: {
      Always: { Type: 'AWS::SQS::Queue' },
      ProdOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
      ProdFunction: {
        Type: 'AWS::Serverless::Function',
        Condition: 'IsProd',
        Properties: { Handler: 'index.handler' },
      },
    },
    Outputs: {
      AlwaysUrl: { Value: { Ref: 'Always' } },
      ProdOnlyUrl: { Condition: 'IsProd', Value: { Ref: 'ProdOnly' } },
    },
  };
  const under = (Stage: string) =>
    activeTemplate(template, evaluateConditions(template.Conditions, { parameters: { Stage } }));

  it('leaves out the resources and outputs whose condition is false, functions included', () => {
    const dev = under('dev');
    expect(Object.keys(dev.Resources)).toEqual(['Always']);
    expect(Object.keys(dev.Outputs)).toEqual(['AlwaysUrl']);
    expect(functionsOf(dev)).toEqual([]);
  });

  it('keeps them when it is true', () => {
    const prod = under('prod');
    expect(Object.keys(prod.Resources)).toEqual(['Always', 'ProdOnly', 'ProdFunction']);
    expect(Object.keys(prod.Outputs)).toEqual(['AlwaysUrl', 'ProdOnlyUrl']);
    expect(functionsOf(prod).map((f) => f.logicalId)).toEqual(['ProdFunction']);
  });
});
