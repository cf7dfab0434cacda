// The suite's process only: the AWS SDK's notice that it will need Node 22 is noise here (the
// pipeline runs Node 22). Nothing else is set: region and credentials come from the AWS SDK's own
// chain or from the stack's outputs file, never from a default of the suite.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
