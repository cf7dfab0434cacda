/** AWS::S3::Bucket -> CreateBucket, and PutBucketCors for its CorsConfiguration (encryption, lifecycle and policies are not emulated). */
import { CreateBucketCommand, PutBucketCorsCommand, type CORSRule } from '@aws-sdk/client-s3';
import { resolveIntrinsics } from '../sam/intrinsics.js';
import type { JsonObject } from '../sam/template.js';
import { bucketName } from './names.js';
import { errorName, type Provisioner } from './types.js';

export const provisionBucket: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.s3;
  if (!client) throw new Error('no S3 endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const name = typeof props.BucketName === 'string' ? props.BucketName : bucketName(ctx.stackName, logicalId);
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (e) {
    if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(errorName(e))) throw e;
  }
  const cors = (props.CorsConfiguration as { CorsRules?: JsonObject[] } | undefined)?.CorsRules;
  if (cors) {
    // CloudFormation's CorsRule properties are the S3 API's names (AllowedOrigins -> AllowedOrigins, MaxAge -> MaxAgeSeconds).
    const rules: CORSRule[] = cors.map((r) => ({
      AllowedOrigins: r.AllowedOrigins as string[],
      AllowedMethods: r.AllowedMethods as string[],
      ...(r.AllowedHeaders ? { AllowedHeaders: r.AllowedHeaders as string[] } : {}),
      ...(r.ExposedHeaders ? { ExposeHeaders: r.ExposedHeaders as string[] } : {}),
      ...(r.MaxAge !== undefined ? { MaxAgeSeconds: Number(r.MaxAge) } : {}),
    }));
    await client.send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: rules } }));
  }
  const ignored = [
    'LifecycleConfiguration',
    'BucketEncryption',
    'NotificationConfiguration',
    'VersioningConfiguration',
  ].filter((p) => p in props);
  return {
    logicalId,
    type: 'AWS::S3::Bucket',
    ref: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
    },
    // What a reader of the start-up lines must know: what is left out, and what is only partly checked.
    summary: [
      name,
      ignored.length > 0 ? `(not applied locally: ${ignored.join(', ')})` : '',
      cors ? '(CORS applied; presigned POST policies enforced, signatures not checked)' : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
};
