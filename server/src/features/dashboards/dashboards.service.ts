/**
 * Dashboards: boards of widgets a leader or an administrator builds for a unit and shares with
 * units (and roles) inside the subtree they manage. Seeing a board is not seeing its data: each
 * widget's query runs through the analytics API in the viewer's own scope, so a commune officer
 * on a national board sees only the figures of their commune.
 */
import {
  type DashboardBody,
  type DashboardItem,
  type DashboardShare,
  type DashboardSummary,
  type DashboardUpdateBody,
  DomainError,
  dashboardProblems,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { Actor, RequestContext } from '../../http/context';
import { assertCanCapture, canCapture } from '../../http/scope';
import { recordAudit } from '../audit/audit.service';
import {
  type DashboardRow,
  findDashboard,
  findDashboards,
  findShares,
  insertDashboard,
  markDashboardDeleted,
  replaceShares,
  updateDashboard,
  visibleExpression,
} from './dashboards.queries';

type Reader = Db | Tx;

const visibleTo = (actor: Actor) => (actor.isSystemAdmin ? null : visibleExpression(actor.viewRoots, actor.roles));

async function editable(db: Reader, actor: Actor, row: DashboardRow): Promise<boolean> {
  return actor.permissions.has('dashboards.manage') && (await canCapture(db, actor, row.unitId));
}

async function summaryOf(db: Reader, actor: Actor, row: DashboardRow): Promise<DashboardSummary> {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    title: row.title,
    preset: row.preset,
    editable: await editable(db, actor, row),
    updatedAt: row.updatedAt,
  };
}

export async function listDashboards(db: Db, context: RequestContext): Promise<{ items: DashboardSummary[] }> {
  const rows = await findDashboards(db, visibleTo(context.actor));
  const items: DashboardSummary[] = [];
  for (const row of rows) items.push(await summaryOf(db, context.actor, row));
  return { items };
}

async function itemOf(db: Reader, actor: Actor, row: DashboardRow): Promise<DashboardItem> {
  const shares = (await findShares(db, [row.id])).get(row.id) ?? [];
  return { ...(await summaryOf(db, actor, row)), definition: row.definition, shares, version: row.version };
}

export async function getDashboard(db: Db, context: RequestContext, id: number): Promise<DashboardItem> {
  const row = await findDashboard(db, id, visibleTo(context.actor));
  if (!row) throw new DomainError('NOT_FOUND');
  return itemOf(db, context.actor, row);
}

/** The checks of a board to save: its definition, its unit and its shares inside the caller's scope. */
async function checkBody(tx: Tx, actor: Actor, body: DashboardBody): Promise<DashboardShare[]> {
  const problems = dashboardProblems(body.definition);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new DomainError('DASHBOARD_DEFINITION_INVALID', {
      field: first.field,
      message: 'FIRST_PROBLEM',
      params: { problem: first.message },
      details: { problems },
    });
  }
  try {
    await assertCanCapture(tx, actor, body.unitId);
  } catch (error) {
    throw error instanceof DomainError ? error.withField('unitId') : error;
  }
  const unique = new Map(body.shares.map((s) => [`${s.unitId}:${s.role ?? ''}`, s]));
  const shares = [...unique.values()];
  for (const [i, share] of body.shares.entries()) {
    try {
      await assertCanCapture(tx, actor, share.unitId);
    } catch (error) {
      throw error instanceof DomainError ? error.withField(`shares.${i}.unitId`) : error;
    }
  }
  return shares;
}

const auditView = (body: DashboardBody, shares: DashboardShare[]) => ({
  unitId: body.unitId,
  title: body.title,
  widgets: body.definition.widgets.length,
  shares,
});

export async function createDashboard(tx: Tx, context: RequestContext, body: DashboardBody): Promise<DashboardItem> {
  const shares = await checkBody(tx, context.actor, body);
  const id = await insertDashboard(tx, { ...body, createdBy: context.actor.userId });
  await replaceShares(tx, id, shares);
  await recordAudit(tx, context, [
    {
      action: 'dashboard.create',
      objectType: 'dashboard',
      objectId: id,
      unitId: body.unitId,
      after: auditView(body, shares),
    },
  ]);
  const row = await findDashboard(tx, id, null);
  return itemOf(tx, context.actor, row!);
}

/** The board to change: visible (else 404) and the caller's to edit (else 403), locked. */
async function boardToChange(tx: Tx, actor: Actor, id: number): Promise<DashboardRow> {
  const row = await findDashboard(tx, id, visibleTo(actor), true);
  if (!row) throw new DomainError('NOT_FOUND');
  if (!(await editable(tx, actor, row))) throw new DomainError('FORBIDDEN');
  return row;
}

export async function changeDashboard(
  tx: Tx,
  context: RequestContext,
  id: number,
  body: DashboardUpdateBody,
): Promise<DashboardItem> {
  const before = await boardToChange(tx, context.actor, id);
  if (body.version !== before.version)
    throw new DomainError('CONFLICT', { field: 'version', details: { currentVersion: before.version } });
  const { version: _version, ...board } = body;
  const shares = await checkBody(tx, context.actor, board);
  const beforeShares = (await findShares(tx, [id])).get(id) ?? [];
  await updateDashboard(tx, id, board);
  await replaceShares(tx, id, shares);
  await recordAudit(tx, context, [
    {
      action: 'dashboard.update',
      objectType: 'dashboard',
      objectId: id,
      unitId: board.unitId,
      before: {
        unitId: before.unitId,
        title: before.title,
        widgets: before.definition.widgets.length,
        shares: beforeShares,
      },
      after: auditView(board, shares),
    },
  ]);
  const row = await findDashboard(tx, id, null);
  return itemOf(tx, context.actor, row!);
}

export async function deleteDashboard(tx: Tx, context: RequestContext, id: number): Promise<{ ok: boolean }> {
  const before = await boardToChange(tx, context.actor, id);
  await markDashboardDeleted(tx, id);
  await recordAudit(tx, context, [
    {
      action: 'dashboard.delete',
      objectType: 'dashboard',
      objectId: id,
      unitId: before.unitId,
      before: { unitId: before.unitId, title: before.title, preset: before.preset },
    },
  ]);
  return { ok: true };
}
