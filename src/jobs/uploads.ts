/**
 * Upload links (a claim check): the caller asks for a link, posts the file straight to S3 under
 * their own prefix, then submits a job naming the upload. The link is a presigned POST whose policy
 * S3 enforces: this key only, this Content-Type only, exactly the declared size, until it expires.
 * The limit and the content types are checked here first, so an over-size or unknown file gets no
 * link at all.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../lib/clock.js';
import type { MetricsRecorder } from '../lib/metrics-port.js';
import { logger } from '../lib/observability.js';
import { UploadTooLargeError } from './errors.js';
import { uploadKeyOf } from './model.js';
import type { UploadLinks } from './ports.js';
import type { UploadContentType } from './file-inputs.js';

export interface UploadsDeps {
  links: UploadLinks;
  /** The largest file a link is made for (template.yaml UploadMaxBytes). */
  maxBytes: number;
  /** Lifetime of an upload link. */
  linkExpirySeconds: number;
  clock: Clock;
  metrics: MetricsRecorder;
  newUploadId?: () => string;
}

export interface UploadRequest {
  contentType: UploadContentType;
  contentLength: number;
  fileName?: string;
}

export interface UploadLink {
  uploadId: string;
  url: string;
  method: 'POST';
  fields: Record<string, string>;
  expiresAt: string;
}

export class Uploads {
  constructor(private readonly deps: UploadsDeps) {}

  async create(ownerId: string, request: UploadRequest): Promise<UploadLink> {
    if (request.contentLength > this.deps.maxBytes)
      throw new UploadTooLargeError(request.contentLength, this.deps.maxBytes);
    const uploadId = (this.deps.newUploadId ?? randomUUID)();
    const expiresAt = new Date(this.deps.clock().getTime() + this.deps.linkExpirySeconds * 1000);
    const { url, fields } = await this.deps.links.presignPost({
      key: uploadKeyOf(ownerId, uploadId),
      contentType: request.contentType,
      bytes: request.contentLength,
      expiresInSeconds: this.deps.linkExpirySeconds,
    });
    this.deps.metrics.record('UploadCreated', 1);
    logger.info('upload link made', {
      uploadId,
      bytes: request.contentLength,
      contentType: request.contentType,
    });
    return { uploadId, url, method: 'POST', fields, expiresAt: expiresAt.toISOString() };
  }
}
