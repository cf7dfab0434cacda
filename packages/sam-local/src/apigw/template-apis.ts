/**
 * The REST API definitions of a SAM template, where SAM and CloudFormation take them from:
 * AWS::Serverless::Api DefinitionBody (inline, or a file through Fn::Transform AWS::Include) or
 * DefinitionUri (a local file; an S3 location cannot be read here), and AWS::ApiGateway::RestApi
 * Body or BodyS3Location (a local path, as `sam package` / `aws cloudformation package` take it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCloudFormationYaml } from '../sam/cfn-yaml.js';
import type { Json, JsonObject, SamTemplate } from '../sam/template.js';
import { isObject } from './definition-walk.js';

export const REST_API_TYPES = ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi'];

export interface ApiDefinitionSource {
  logicalId: string;
  type: string;
  /** Where the definition comes from, for people: a file relative to the template, or "inline". */
  origin: string;
  definition?: JsonObject;
  /** Why there is nothing to check (an S3 location, no definition, a missing file). */
  unavailable?: string;
  metadata: Json;
}

/** The AWS::Include Location of a raw (not inlined) property, if that is what it is. */
function includeLocation(raw: Json | undefined): string | undefined {
  const transform = isObject(raw) ? raw['Fn::Transform'] : undefined;
  if (!isObject(transform) || transform.Name !== 'AWS::Include') return undefined;
  const params = transform.Parameters;
  return isObject(params) && typeof params.Location === 'string' ? params.Location : undefined;
}

function fromFile(
  template: SamTemplate,
  location: string,
): Pick<ApiDefinitionSource, 'origin' | 'definition' | 'unavailable'> {
  if (/^s3:\/\//.test(location))
    return { origin: location, unavailable: 'an S3 location: check the file before packaging' };
  const file = resolve(template.dir, location);
  const origin = relative(template.dir, file) || location;
  if (!existsSync(file)) return { origin, unavailable: `${origin} does not exist` };
  const parsed = parseCloudFormationYaml(readFileSync(file, 'utf8')) as Json;
  return isObject(parsed)
    ? { origin, definition: parsed }
    : { origin, unavailable: `${origin} is not a mapping` };
}

export function apiDefinitionsOf(template: SamTemplate): ApiDefinitionSource[] {
  // The template as written, to name the file an AWS::Include brings in (loadTemplate inlines it).
  const rawResources = isObject(template.raw.Resources) ? template.raw.Resources : {};
  const sources: ApiDefinitionSource[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!REST_API_TYPES.includes(resource.Type)) continue;
    const props = resource.Properties ?? {};
    const rawResource = rawResources[logicalId];
    const rawProps = isObject(rawResource) && isObject(rawResource.Properties) ? rawResource.Properties : {};
    const serverless = resource.Type === 'AWS::Serverless::Api';
    const inlineKey = serverless ? 'DefinitionBody' : 'Body';
    const locationKey = serverless ? 'DefinitionUri' : 'BodyS3Location';
    const base = { logicalId, type: resource.Type, metadata: resource.Metadata ?? null };
    const inline = props[inlineKey];
    const location = props[locationKey];
    if (isObject(inline)) {
      const included = includeLocation(rawProps[inlineKey]);
      sources.push({
        ...base,
        origin: included ?? `${inlineKey} in ${relative(process.cwd(), template.path) || template.path}`,
        definition: inline,
      });
    } else if (typeof location === 'string') sources.push({ ...base, ...fromFile(template, location) });
    else if (location !== undefined)
      sources.push({
        ...base,
        origin: locationKey,
        unavailable: 'an S3 location: check the file before packaging',
      });
    else
      sources.push({
        ...base,
        origin: '-',
        // SAM then generates one from the functions' Api events (sam/implicit-api.ts).
        unavailable: serverless
          ? `no ${inlineKey} or ${locationKey}: generated from the functions' Api events`
          : `no ${inlineKey} or ${locationKey}`,
      });
  }
  return sources;
}
