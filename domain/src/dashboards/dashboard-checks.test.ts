import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DashboardDefinition, Widget } from '../api/dashboards';
import { dashboardProblems } from './dashboard-checks';

const text = (id: string, x: number, y: number, w: number, h: number): Widget => ({
  id,
  type: 'text',
  title: { vi: id, en: id },
  x,
  y,
  w,
  h,
  text: { vi: 'x', en: 'x' },
});

describe('dashboardProblems', () => {
  it('accepts widgets laid out in separate rows of the grid, and names the overlap otherwise', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 11 }),
            w: fc.integer({ min: 1, max: 12 }),
            h: fc.integer({ min: 1, max: 4 }),
          }),
          {
            maxLength: 10,
          },
        ),
        (places) => {
          let y = 0;
          const widgets = places.map((p, i) => {
            const widget = text(`w${i}`, p.x, y, Math.min(p.w, 12 - p.x), p.h);
            y += p.h;
            return widget;
          });
          expect(dashboardProblems({ widgets })).toEqual([]);
          if (widgets.length >= 2) {
            const moved = widgets.map((w, i) => (i === 1 ? { ...w, x: widgets[0]!.x, y: widgets[0]!.y } : w));
            expect(dashboardProblems({ widgets: moved }).map((p) => p.field)).toContain('definition.widgets.1.y');
          }
        },
      ),
    );
  });

  it('names the field of each problem', () => {
    const definition: DashboardDefinition = {
      widgets: [
        text('a', 8, 0, 6, 1),
        { ...text('a', 0, 1, 2, 1) },
        { id: 'k', type: 'kpi', title: { vi: 'k', en: '' }, x: 0, y: 2, w: 3, h: 1 },
        { id: 'c', type: 'compliance', title: { vi: 'c', en: '' }, x: 3, y: 2, w: 3, h: 1 },
        {
          id: 'p',
          type: 'pivot',
          title: { vi: 'p', en: '' },
          x: 6,
          y: 2,
          w: 3,
          h: 1,
          pivot: { rows: 'unit', columns: 'unit' },
          query: { fields: ['1:a'], units: {}, periods: { type: 'month', last: 3 } },
        },
        { ...text('t', 9, 2, 3, 1), tasks: { by: 'unit' } },
        // A tasks widget needs no query nor regime; its ranking settings are its own.
        {
          id: 'n',
          type: 'tasks',
          title: { vi: 'Nhiệm vụ', en: 'Tasks' },
          x: 0,
          y: 3,
          w: 12,
          h: 4,
          tasks: { by: 'issuer' },
          rank: { order: 'top', limit: 10 },
        },
      ],
    };
    expect(dashboardProblems(definition).map((p) => p.field)).toEqual([
      'definition.widgets.0.w',
      'definition.widgets.1.id',
      'definition.widgets.2.query',
      'definition.widgets.3.regimeId',
      'definition.widgets.4.pivot.columns',
      'definition.widgets.5.tasks',
    ]);
  });
});
