/** What names one report: a unit's data for a form and a period. */
export interface ReportKey {
  unitId: number;
  formId: number;
  periodId: string;
}

/** How a revision's figures arrived. */
export type Channel = 'web' | 'excel' | 'api' | 'consolidation' | 'import';
