/** The API Gateway import check: what API Gateway's OpenAPI import refuses or ignores (see README.md). */
export { checkTemplateApis, formatFinding, hasErrors, type CheckedApi } from '../apigw/check-template.js';
export {
  checkApiDefinition,
  IMPORT_RULES,
  type Finding,
  type FindingLevel,
  type RuleId,
} from '../apigw/import-check.js';
export { lintApi } from '../cli/lint-api.js';
