// Unit tests assert behaviour, not log lines: keep Powertools quiet (logs, and Metrics' EMF lines) unless a
// run asks for them.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_REGION ??= 'us-east-1';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
