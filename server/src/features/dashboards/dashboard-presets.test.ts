import { DashboardDefinition, dashboardProblems } from '@baocao/domain';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { DEMO_DAY } from '../demo/demo-history';
import { COVID_BOARD_DAY, presets } from './dashboard-presets';

describe('preset boards', () => {
  it.each(presets.map((p) => [p.key, p] as const))('%s is a valid board', (_key, preset) => {
    const definition = { widgets: preset.widgets((form, field) => `${form.length}:${field}`, 7) };
    expect([...Value.Errors(DashboardDefinition, definition)].map((e) => e.path)).toEqual([]);
    expect(dashboardProblems(definition)).toEqual([]);
  });

  it('the COVID-19 board has the map, the daily trend, the top and bottom provinces and today’s compliance', () => {
    const covid = presets.find((p) => p.key === 'covid-nq68')!.widgets((form, field) => `1:${form}_${field}`, 7);
    expect(covid.map((w) => w.type).sort()).toEqual([
      'bar',
      'bar',
      'compliance',
      'crosscheck',
      'kpi',
      'kpi',
      'kpi',
      'line',
      'map',
      'pie',
    ]);
    expect(covid.filter((w) => w.type === 'bar').map((w) => w.rank?.order)).toEqual(['top', 'bottom']);
    // The 2021 campaign: the board opens on the demo history's day, on the 63 former provinces.
    expect(COVID_BOARD_DAY).toBe(DEMO_DAY);
    expect(covid.find((w) => w.type === 'map')?.map).toBe('provinces-pre-2025');
  });
});
