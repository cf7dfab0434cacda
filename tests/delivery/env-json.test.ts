/** env.json gives `sam local invoke|start-api` every value a function needs, and nothing SAM would ignore. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/paths.js';
import { samFunctions, template } from '../support/project.js';
import { declaredVariables, envFileProblems } from './lib/env-file.js';

type EnvFile = Record<string, Record<string, string>>;
const envFile = JSON.parse(readFileSync(join(projectRoot, 'env.json'), 'utf8')) as EnvFile;
const problems = (file: unknown) => envFileProblems(file, samFunctions, template);

describe('env.json', () => {
  it('has Parameters and exactly the functions of template.yaml', () => {
    expect(Object.keys(envFile).sort()).toEqual(
      ['Parameters', ...samFunctions.map((f) => f.logicalId)].sort(),
    );
  });

  it('gives every function the variables it declares, names the outputs to copy, and adds nothing', () => {
    expect(problems(envFile)).toEqual([]);
  });

  it('gives no function a secret value, only the ARN of the secret it reads at cold start', () => {
    const readers = samFunctions.filter((f) => 'PAGINATION_SECRET_ARN' in declaredVariables(f));
    expect(readers.map((f) => f.logicalId)).toEqual(['UsersFunction', 'JobStatusFunction']);
    for (const fn of readers)
      expect(envFile[fn.logicalId]?.PAGINATION_SECRET_ARN).toBe('replace-with-PaginationSecretArn-output');
    const values = samFunctions.flatMap((f) =>
      Object.values(declaredVariables(f)).map((v) => JSON.stringify(v)),
    );
    expect(values.filter((v) => v.includes('{{resolve:'))).toEqual([]);
  });

  describe('would catch a mistake', () => {
    it('a function missing, or one the template does not have', () => {
      const broken = structuredClone(envFile);
      broken.JobDlqFunctoin = broken.JobDlqFunction!;
      delete broken.JobDlqFunction;
      expect(problems(broken)).toEqual([
        'JobDlqFunctoin is not a function of template.yaml',
        'JobDlqFunction is missing',
      ]);
    });

    it('a variable the function does not declare (SAM would silently ignore it)', () => {
      const broken = structuredClone(envFile);
      broken.HealthFunction = { JOBS_TABLE_NAME: 'x' };
      expect(problems(broken)).toEqual([
        'HealthFunction.JOBS_TABLE_NAME: template.yaml declares no such variable',
      ]);
    });

    it('a computed variable left out', () => {
      const broken = structuredClone(envFile);
      delete broken.UsersFunction!.PAGINATION_SECRET_ARN;
      expect(problems(broken)).toEqual([
        'UsersFunction.PAGINATION_SECRET_ARN: its template value is computed in AWS; env.json must give one',
      ]);
    });

    it('a placeholder that does not say which stack output to copy', () => {
      const broken = structuredClone(envFile);
      broken.JobDlqFunction!.JOBS_TABLE_NAME = 'replace-me';
      expect(problems(broken)).toEqual([
        'JobDlqFunction.JOBS_TABLE_NAME: the placeholder should name the output JobsTableName',
      ]);
    });

    it('a shared value no function declares', () => {
      const broken = structuredClone(envFile);
      broken.Parameters!.AWS_REGION = 'us-east-1';
      expect(problems(broken)).toEqual(['Parameters.AWS_REGION: no function declares this variable']);
    });
  });
});
