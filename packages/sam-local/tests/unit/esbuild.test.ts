/**
 * A function's `sam build` as esbuild options: MainFields as SAM passes it, and esbuild's own
 * default for Node (main before module) when the template sets none, as `sam build` leaves it;
 * SourcesContent as SAM passes it.
 */
import { functionBuild } from '../../src/public/esbuild.js';
import type { SamFunction, SamTemplate } from '../../src/sam/template.js';

const template = { dir: '/app' } as SamTemplate;
const fn = (buildProperties: Record<string, unknown>): SamFunction => ({
  logicalId: 'Fn',
  properties: { Handler: 'api.handler', CodeUri: './' },
  metadata: {
    BuildMethod: 'esbuild',
    BuildProperties: { EntryPoints: ['src/api.ts'], Format: 'esm', ...buildProperties },
  },
});

describe("a function's esbuild options", () => {
  it('take MainFields from the template, in its order', () => {
    expect(functionBuild(template, fn({ MainFields: 'module,main' }), '/out').options.mainFields).toEqual([
      'module',
      'main',
    ]);
  });

  it("without MainFields, are esbuild's default for Node as sam build leaves it: main, then module", () => {
    expect(functionBuild(template, fn({}), '/out').options.mainFields).toEqual(['main', 'module']);
  });

  it("leave the sources out of the source map for SourcesContent 'false', as sam build passes it", () => {
    const sourcesContent = (props: Record<string, unknown>) =>
      functionBuild(template, fn({ Sourcemap: true, ...props }), '/out').options.sourcesContent;
    expect(sourcesContent({ SourcesContent: 'false' })).toBe(false);
    expect(sourcesContent({ SourcesContent: 'true' })).toBe(true);
    expect(sourcesContent({})).toBe(true);
    // A YAML boolean false: sam build adds no flag for it, so esbuild includes the sources.
    expect(sourcesContent({ SourcesContent: false })).toBe(true);
  });
});
