/**
 * Uploads in the results bucket, under uploads/<owner>/<uploadId> (a lifecycle rule expires them).
 *
 * The link is a presigned POST (browser-based upload, https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html)
 * whose policy S3 enforces itself: the key and Content-Type must equal these, and
 * `content-length-range` [bytes, bytes] makes S3 refuse a file of any other size ("The
 * content-length-range condition ... specifies the minimum and maximum allowable size for the
 * uploaded content", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
 * A presigned PUT could not: its URL is valid for any body. The POST is signed with this function's
 * role, which must be allowed s3:PutObject on the key.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { UploadUnreadableError } from '../errors.js';
import type { UploadFiles, UploadLinkRequest, UploadLinks } from '../ports.js';

export class S3UploadLinks implements UploadLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async presignPost(request: UploadLinkRequest) {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: request.key,
      Conditions: [['content-length-range', request.bytes, request.bytes]],
      Fields: { 'Content-Type': request.contentType },
      Expires: request.expiresInSeconds,
    });
    return { url, fields };
  }
}

/** Errors S3 answers for an object that is not there or may not be read: retrying cannot help. */
const GONE = new Set(['NoSuchKey', 'NotFound', 'AccessDenied', 'Forbidden']);
const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');

export class S3UploadFiles implements UploadFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async contentTypeOf(key: string): Promise<string | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentType ?? 'application/octet-stream';
    } catch (error) {
      if (nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async open(key: string): Promise<AsyncIterable<Uint8Array>> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!Body) throw new UploadUnreadableError('S3 returned no body');
      // In Node.js the body is an IncomingMessage: a stream read chunk by chunk, never whole.
      return Body as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (GONE.has(nameOf(error)))
        throw new UploadUnreadableError(
          nameOf(error) === 'NoSuchKey' ? 'it is gone (expired or deleted)' : 'access denied',
        );
      throw error;
    }
  }
}
