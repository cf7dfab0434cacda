// The SDK warns that it will need Node 22 from 2027: noise in test output (the CLI silences it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
