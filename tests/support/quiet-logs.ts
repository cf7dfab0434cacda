// Unit tests assert behaviour, not log lines: keep Powertools quiet unless a run asks for logs.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_REGION ??= 'us-east-1';
