import { resetReport } from './report.js';

export default function globalSetup(): void {
  resetReport();
}
