/** Results in the private results bucket: JSON objects, handed out through presigned GET URLs. */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ResultLinks, ResultWriter } from '../ports.js';

export class S3ResultWriter implements ResultWriter {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
  }
}

/** Links are signed with the function's role, which must be allowed s3:GetObject on the results. */
export class S3ResultLinks implements ResultLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  presignGet(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }
}
