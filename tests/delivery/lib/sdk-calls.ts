/**
 * The AWS SDK commands a Lambda handler can send, found in its source, and the IAM actions they need.
 *
 * How: esbuild bundles the entry (metafile, packages external) to list the project modules it
 * loads. The TypeScript checker then walks what can run: the Handler export, and what each module
 * runs at import (top-level code, not the bodies of the functions it defines). From there every
 * reference is followed: to functions and top-level constants, to classes (their constructors), to
 * class methods called directly, and, for a call through an interface (`deps.store.move(...)`, where
 * `store: JobStore`), to the same-named method of every loaded class that the interface's type
 * admits. Every `new <X>Command(` whose class comes from `@aws-sdk/*` in what is reached is a call
 * the function makes (presigning a `GetObjectCommand` included: the link is signed with the
 * function's role; so is a `createPresignedPost(` of `@aws-sdk/s3-presigned-post`, an upload link
 * that S3 authorizes as s3:PutObject by the signer). A class method nobody calls does not count; a function literal counts with the
 * declaration it sits in. Hand-written: no library maps source to IAM actions.
 *
 * Command -> action: `<prefix>:<operation>`, the operation being the command's name (for
 * `@aws-sdk/lib-dynamodb`, the client-dynamodb command it wraps, read from its type declaration).
 * A command whose SDK documentation says the service "doesn't evaluate Identity and Access
 * Management (IAM) policies" for it (Cognito's public sign-up and sign-in operations) needs none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';

export interface SdkCall {
  /** e.g. `GetCommand` */
  command: string;
  /** e.g. `@aws-sdk/lib-dynamodb` */
  sdkPackage: string;
  /** e.g. `dynamodb:GetItem`; undefined when the service evaluates no IAM policy for it. */
  action?: string;
  /** Where it is constructed, relative to the project root. */
  where: string;
}

/** The IAM service prefix of each SDK client package this project uses. */
const IAM_PREFIX: Record<string, string> = {
  '@aws-sdk/client-codedeploy': 'codedeploy',
  '@aws-sdk/client-cognito-identity-provider': 'cognito-idp',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-sqs': 'sqs',
};

/**
 * S3 operations whose IAM action has another name
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */
const S3_ACTIONS: Record<string, string> = {
  HeadObject: 'GetObject',
  HeadBucket: 'ListBucket',
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
};

/**
 * Lambda operations whose IAM action has another name: Invoke is authorized as
 * lambda:InvokeFunction (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html).
 */
const LAMBDA_ACTIONS: Record<string, string> = { Invoke: 'InvokeFunction' };
const RENAMED_ACTIONS: Record<string, Record<string, string>> = { s3: S3_ACTIONS, lambda: LAMBDA_ACTIONS };

const PUBLIC_OPERATION = "doesn't evaluate Identity and Access Management (IAM) policies";

function sdkPackageOf(file: string): string | undefined {
  const match = /[\\/]node_modules[\\/](@aws-sdk[\\/][^\\/]+)[\\/]/.exec(file);
  return match?.[1]?.replace('\\', '/');
}

/** The IAM action a command needs, read from the SDK's own declarations. */
export function actionOf(command: string, declarationFile: string): { action?: string; problem?: string } {
  const sdkPackage = sdkPackageOf(declarationFile) ?? '';
  const source = readFileSync(declarationFile, 'utf8');
  let client = sdkPackage;
  let operation = command.replace(/Command$/, '');
  if (sdkPackage === '@aws-sdk/lib-dynamodb') {
    const wrapped = /import \{ (\w+)Command as __\w+ \} from "(@aws-sdk\/client-[\w-]+)"/.exec(source);
    if (!wrapped) return { problem: `${command}: cannot tell which client-dynamodb command it wraps` };
    [, operation = '', client = ''] = wrapped;
    const wrappedFile = join(
      dirname(declarationFile),
      '..',
      '..',
      '..',
      client.split('/')[1] ?? '',
      'dist-types',
      'commands',
      `${operation}Command.d.ts`,
    );
    if (existsSync(wrappedFile) && readFileSync(wrappedFile, 'utf8').includes(PUBLIC_OPERATION)) return {};
  } else if (source.includes(PUBLIC_OPERATION)) return {};
  const prefix = IAM_PREFIX[client];
  if (!prefix)
    return {
      problem: `${command}: no IAM prefix known for ${client}; add it to tests/delivery/lib/sdk-calls.ts`,
    };
  return { action: `${prefix}:${RENAMED_ACTIONS[prefix]?.[operation] ?? operation}` };
}

/** The project source modules an entry loads, by esbuild's own resolution (packages left out). */
export async function loadedModules(root: string, entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .map((f) => resolve(root, f))
    .filter((f) => /\.(ts|mts|cts)$/.test(f));
}

type Unit = ts.Node;

const isClassMember = (n: ts.Node) =>
  (ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)) &&
  (ts.isClassDeclaration(n.parent) || ts.isClassExpression(n.parent));
const isTopLevelVariable = (n: ts.Node): n is ts.VariableDeclaration =>
  ts.isVariableDeclaration(n) && ts.isSourceFile(n.parent.parent.parent);
/** Declarations reached only by reference: their bodies run when they are called or constructed. */
const isUnit = (n: ts.Node) =>
  ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || isClassMember(n) || isTopLevelVariable(n);
const isFunctionLike = (n: ts.Node) =>
  ts.isArrowFunction(n) ||
  ts.isFunctionExpression(n) ||
  ts.isFunctionDeclaration(n) ||
  ts.isMethodDeclaration(n);

export interface Analysis {
  calls: SdkCall[];
  problems: string[];
}

/** Analyses several entries with one TypeScript program (it is the slow part). */
export class SdkCallFinder {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(
    private readonly root: string,
    entries: string[],
  ) {
    const configFile = ts.findConfigFile(root, (f) => ts.sys.fileExists(f), 'tsconfig.json');
    const options = configFile
      ? ts.parseJsonConfigFileContent(
          ts.readConfigFile(configFile, (f) => ts.sys.readFile(f)).config,
          ts.sys,
          root,
        ).options
      : {};
    this.program = ts.createProgram(
      entries.map((e) => resolve(root, e)),
      { ...options, noEmit: true },
    );
    this.checker = this.program.getTypeChecker();
  }

  async analyse(entry: string, handlerExport: string): Promise<Analysis> {
    const modules = new Set(await loadedModules(this.root, entry));
    const files = [...modules].flatMap((f) => this.program.getSourceFile(f) ?? []);
    const entryFile = this.program.getSourceFile(resolve(this.root, entry));
    if (!entryFile) return { calls: [], problems: [`${entry}: not a source file of the program`] };

    const loaded = (n: ts.Node) => modules.has(resolve(n.getSourceFile().fileName));
    const classes = files.flatMap((f) => this.classesIn(f));
    const reached = new Set<Unit>();
    const queue: { node: ts.Node; eager: boolean }[] = [];
    const reach = (unit: Unit) => {
      if (!reached.has(unit)) {
        reached.add(unit);
        queue.push({ node: unit, eager: false });
      }
    };

    // What runs: the handler, and every module's import-time code.
    const exported = this.checker
      .getExportsOfModule(this.checker.getSymbolAtLocation(entryFile) as ts.Symbol)
      .find((s) => s.name === handlerExport);
    if (!exported) return { calls: [], problems: [`${entry}: exports no ${handlerExport}`] };
    for (const d of this.resolved(exported).declarations ?? []) if (isUnit(d)) reach(d);
    for (const f of files) queue.push({ node: f, eager: true });

    const calls: SdkCall[] = [];
    const problems: string[] = [];
    while (queue.length > 0) {
      const { node, eager } = queue.shift() as { node: ts.Node; eager: boolean };
      const visit = (n: ts.Node): void => {
        if (n !== node && isUnit(n) && !ts.isVariableDeclaration(n)) return; // reached by reference
        if (eager && n !== node && isFunctionLike(n)) return; // defined now, runs later
        if (ts.isNewExpression(n)) this.command(n, calls, problems);
        if (ts.isCallExpression(n)) this.presignedPost(n, calls);
        if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
          for (const target of this.targets(n, classes)) if (loaded(target)) reach(target);
        }
        ts.forEachChild(n, visit);
      };
      if (eager && ts.isSourceFile(node)) {
        // Top-level code: statements and the initializers of top-level constants (not function bodies).
        for (const statement of node.statements) {
          // Definitions run nothing at import; imports and exports only name things.
          if (
            ts.isFunctionDeclaration(statement) ||
            ts.isClassDeclaration(statement) ||
            ts.isInterfaceDeclaration(statement) ||
            ts.isTypeAliasDeclaration(statement) ||
            ts.isImportDeclaration(statement) ||
            ts.isExportDeclaration(statement)
          )
            continue;
          ts.forEachChild(statement, visit);
        }
      } else ts.forEachChild(node, visit);
    }
    const unique = new Map(calls.map((c) => [`${c.command}@${c.where}`, c]));
    return { calls: [...unique.values()], problems: [...new Set(problems)] };
  }

  private resolved(symbol: ts.Symbol): ts.Symbol {
    return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  private classesIn(file: ts.SourceFile): ts.ClassDeclaration[] {
    const found: ts.ClassDeclaration[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isClassDeclaration(n)) found.push(n);
      ts.forEachChild(n, visit);
    };
    visit(file);
    return found;
  }

  /** The units a reference may run: the declaration itself, or every implementation of an interface member. */
  private targets(identifier: ts.Node, classes: ts.ClassDeclaration[]): Unit[] {
    const parent = identifier.parent;
    const symbol =
      parent && ts.isShorthandPropertyAssignment(parent)
        ? this.checker.getShorthandAssignmentValueSymbol(parent)
        : this.checker.getSymbolAtLocation(identifier);
    if (!symbol) return [];
    const out: Unit[] = [];
    for (const d of this.resolved(symbol).declarations ?? []) {
      if (d.getSourceFile().isDeclarationFile) continue;
      if (isUnit(d)) {
        out.push(d);
        // A class reached by name: its constructor and field initializers run on `new`.
        if (ts.isClassDeclaration(d)) out.push(...d.members.filter((m) => ts.isConstructorDeclaration(m)));
      } else if ((ts.isMethodSignature(d) || ts.isPropertySignature(d)) && d.name) {
        const owner = this.checker.getTypeAtLocation(d.parent);
        const name = d.name.getText();
        for (const c of classes) {
          const method = c.members.find((m) => isClassMember(m) && m.name?.getText() === name);
          const instance = this.checker.getTypeAtLocation(c);
          if (method && this.checker.isTypeAssignableTo(instance, owner)) out.push(method);
        }
      }
    }
    return out;
  }

  /**
   * A presigned POST is a PutObject made later by whoever holds the form, authorized as the signer
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html).
   */
  private presignedPost(node: ts.CallExpression, calls: SdkCall[]): void {
    const symbol = this.checker.getSymbolAtLocation(node.expression);
    if (!symbol || this.resolved(symbol).name !== 'createPresignedPost') return;
    const file = this.resolved(symbol).declarations?.[0]?.getSourceFile().fileName ?? '';
    if (sdkPackageOf(file) !== '@aws-sdk/s3-presigned-post') return;
    const where = relative(this.root, node.getSourceFile().fileName).split(sep).join('/');
    calls.push({
      command: 'createPresignedPost',
      sdkPackage: '@aws-sdk/s3-presigned-post',
      where,
      action: 's3:PutObject',
    });
  }

  private command(node: ts.NewExpression, calls: SdkCall[], problems: string[]): void {
    const symbol = this.checker.getSymbolAtLocation(node.expression);
    if (!symbol) return;
    const declaration = this.resolved(symbol).declarations?.[0];
    const file = declaration?.getSourceFile().fileName ?? '';
    const name = this.resolved(symbol).name;
    if (!sdkPackageOf(file) || !name.endsWith('Command')) return;
    const { action, problem } = actionOf(name, file);
    const where = relative(this.root, node.getSourceFile().fileName).split(sep).join('/');
    if (problem) problems.push(`${where}: ${problem}`);
    calls.push({
      command: name,
      sdkPackage: sdkPackageOf(file) as string,
      where,
      ...(action ? { action } : {}),
    });
  }
}
