import { Type } from '@sinclair/typebox';

/** How far the generated demonstration history has come ("đang nạp dữ liệu minh họa" until it is done). */
export const DemoHistoryStatusView = Type.Object({
  /** Whether report periods are still being generated. */
  loading: Type.Boolean(),
  planned: Type.Integer({ minimum: 0 }),
  loaded: Type.Integer({ minimum: 0 }),
  regimes: Type.Array(
    Type.Object({
      code: Type.String(),
      planned: Type.Integer({ minimum: 0 }),
      loaded: Type.Integer({ minimum: 0 }),
      firstPeriod: Type.String(),
      lastPeriod: Type.String(),
    }),
  ),
});
