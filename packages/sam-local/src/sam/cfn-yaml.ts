/**
 * Reads CloudFormation YAML: the short-form intrinsic tags (!Ref, !GetAtt, !Sub, ...) become their
 * long forms ({ Ref }, { 'Fn::GetAtt' }, ...), so later steps handle one shape. The `yaml` library
 * does the parsing; only the tag table is ours (no library ships CloudFormation's).
 */
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'Length',
  'ToJsonString',
];

function longForm(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const key = longForm(name);
  const tag = `!${name}`;
  const scalar: ScalarTag = {
    tag,
    resolve: (value: string) =>
      // !GetAtt Resource.Attribute splits on the first dot, as CloudFormation does.
      name === 'GetAtt'
        ? { [key]: [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] }
        : { [key]: value },
    identify: () => false,
  };
  const seq: CollectionTag = {
    tag,
    collection: 'seq',
    resolve: (value) => ({ [key]: value.toJSON() as unknown }),
    identify: () => false,
  };
  const map: CollectionTag = {
    tag,
    collection: 'map',
    resolve: (value) => ({ [key]: value.toJSON() as unknown }),
    identify: () => false,
  };
  return [scalar, seq, map];
}

const customTags = ['Ref', 'GetAtt', 'Condition', ...FUNCTIONS].flatMap(tagsFor);

export function parseCloudFormationYaml(text: string): unknown {
  return parse(text, { customTags, maxAliasCount: -1 }) as unknown;
}
