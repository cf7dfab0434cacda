/**
 * The programs outside npm that some checks run (Python tools), and how each is installed. One
 * source for both: `npm run test:tools` fails with these install commands when a tool is missing,
 * and tests/delivery checks that buildspec.yml installs every tool its commands need.
 *
 * This file only describes the tools. Everywhere else, code that passes a tool's name to a call (a
 * spawn, an execFile, `requireTool`) uses it: tests/delivery/lib/tool-needs.ts finds the tools a
 * command needs that way, so `npm test` is proven to need none.
 */
export interface ExternalTool {
  /** The pip package that puts the executable on PATH, as pip install names it. */
  pipPackage: string;
  /** What to run to install it. */
  install: string;
}

export const externalTools = {
  'cfn-lint': { pipPackage: 'cfn-lint', install: 'pip install cfn-lint' },
  moto_server: { pipPackage: 'moto[server]', install: 'pip install "moto[server]"' },
  aws: {
    pipPackage: 'awscli',
    install:
      'pip install awscli (or AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)',
  },
  sam: {
    pipPackage: 'aws-sam-cli',
    install:
      'pip install aws-sam-cli (or the installer for your OS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html)',
  },
} as const satisfies Record<string, ExternalTool>;

export type ExternalToolName = keyof typeof externalTools;
export const externalToolNames = Object.keys(externalTools) as ExternalToolName[];
/** The SAM CLI's executable, for code that reads commands (naming it here keeps such code tool-free). */
export const SAM_CLI: ExternalToolName = 'sam';
