/** The resource types the local stack creates, and the service that holds each (no SDK loaded here). */
import type { Service } from '../aws.js';

export const PROVISIONED_SERVICES: Record<string, Service> = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::SQS::Queue': 'sqs',
  'AWS::S3::Bucket': 's3',
  'AWS::Cognito::UserPool': 'cognito',
  'AWS::Cognito::UserPoolClient': 'cognito',
  'AWS::Cognito::UserPoolGroup': 'cognito',
  'AWS::SecretsManager::Secret': 'secretsmanager',
};
