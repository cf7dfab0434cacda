/**
 * dynalite (an in-process DynamoDB emulator) on 127.0.0.1 and a free port, with tables created from
 * template.yaml's own definitions, for the adapter contract suites in tests/integration.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_TRANSLATION } from '../../src/lib/dynamodb.js';
import { rawTemplate } from './project.js';

// dynalite ships no types (it returns a node:http server), so it is loaded untyped and typed here.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: { createTableMs: number }) => Server;

export interface Dynalite {
  /** A document client as the functions build it (src/lib/dynamodb.ts), on the emulator. */
  documents: DynamoDBDocumentClient;
  /** Creates the table `logicalId` of template.yaml under `name`. */
  createTable(logicalId: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    documents: DynamoDBDocumentClient.from(client, DOCUMENT_TRANSLATION),
    async createTable(logicalId, name) {
      const table = (rawTemplate.Resources as Record<string, { Properties: Record<string, unknown> }>)[
        logicalId
      ];
      const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } =
        table?.Properties ?? {};
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions,
          KeySchema,
          GlobalSecondaryIndexes,
          BillingMode,
        } as CreateTableCommandInput),
      );
    },
    async stop() {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
