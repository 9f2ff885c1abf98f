/**
 * The demo's air-quality connector: with demo data on, `npm start` serves the AQI feed
 * (aqi-feed.ts) beside the app and makes, once, the daily AQI regime and form that
 * receive it and a connector pulling it every hour into the five cities (owned by the
 * first system administrator). The feed's address is refreshed on every start (its port
 * may change). Figures are demonstration data.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { aqiForm, aqiJsonMapping, aqiRegime } from './aqi-feed';

export const AQI_DEMO_CODE = 'AQI-5TP';

export async function loadDemoAqiConnector(db: Db, feedUrl: string): Promise<string | null> {
  const url = `${feedUrl}/aqi.json`;
  return db.transaction().execute(async (tx) => {
    let form = await sql<{ id: number }>`SELECT f.id FROM forms f JOIN regimes r ON r.id = f.regime_id
      WHERE r.code = ${AQI_DEMO_CODE} AND f.code = ${aqiForm.code}`.execute(tx);
    if (form.rows.length === 0) {
      const owner = await sql<{ id: number }>`SELECT id FROM units WHERE code = ${aqiRegime.ownerUnitCode}
        ORDER BY valid_from LIMIT 1`.execute(tx);
      const regime = await tx
        .insertInto('regimes')
        .values({
          code: AQI_DEMO_CODE,
          definition: JSON.stringify(aqiRegime),
          status: 'active',
          ownerUnitId: owner.rows[0]?.id ?? null,
          searchText: `${AQI_DEMO_CODE} chi so chat luong khong khi aqi`.toLowerCase(),
          isDemo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('regimeVersions')
        .values({
          regimeId: regime.id,
          number: 1,
          effectiveFrom: aqiRegime.validFrom,
          definition: JSON.stringify(aqiRegime),
        })
        .execute();
      const formRow = await tx
        .insertInto('forms')
        .values({ regimeId: regime.id, code: aqiForm.code, sortOrder: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('formVersions')
        .values({
          formId: formRow.id,
          number: 1,
          status: 'published',
          definition: JSON.stringify(aqiForm),
          publishedAt: new Date(),
        })
        .execute();
      await recordAudit(tx, null, [
        {
          action: 'regime.create',
          objectType: 'regime',
          objectId: regime.id,
          unitId: null,
          after: { code: AQI_DEMO_CODE, demo: true },
        },
      ]);
      form = { ...form, rows: [{ id: formRow.id }] };
    }
    const existing = await sql<{ id: number; url: string }>`SELECT id, url FROM connectors
      WHERE code = ${AQI_DEMO_CODE}`.execute(tx);
    if (existing.rows[0]) {
      if (existing.rows[0].url !== url)
        await sql`UPDATE connectors SET url = ${url}, updated_at = now() WHERE id = ${existing.rows[0].id}`.execute(tx);
      return null;
    }
    const admin = await sql<{ id: number }>`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
      WHERE r.role = 'system_admin' AND u.disabled_at IS NULL ORDER BY u.id LIMIT 1`.execute(tx);
    const root = await sql<{
      id: number;
    }>`SELECT id FROM units WHERE code = 'CP' ORDER BY valid_from DESC LIMIT 1`.execute(tx);
    if (!admin.rows[0] || !root.rows[0]) return null;
    const inserted = await sql<{ id: number }>`INSERT INTO connectors
        (code, name, url, format, form_id, unit_id, mapping, atomic, interval_minutes, active, owner_id)
      VALUES (${AQI_DEMO_CODE}, 'Chỉ số AQI 5 thành phố trực thuộc Trung ương (minh họa)', ${url}, 'json',
        ${form.rows[0]!.id}, ${root.rows[0].id}, ${JSON.stringify(aqiJsonMapping)}::jsonb, false, 60, true, ${admin.rows[0].id})
      RETURNING id`.execute(tx);
    await recordAudit(tx, null, [
      {
        action: 'connector.create',
        objectType: 'connector',
        objectId: inserted.rows[0]!.id,
        unitId: root.rows[0].id,
        after: { code: AQI_DEMO_CODE, url, demo: true },
      },
    ]);
    return AQI_DEMO_CODE;
  });
}
