/**
 * The task ladder: warnings before a task's deadline ("due soon", 3 days before by default) and
 * once it has passed ("overdue"), to the people of its lead and supporting units, through the
 * notices (inbox and e-mail, each person's preferences). Each (task, step, deadline) is claimed
 * once in `task_warnings`, in the transaction that writes its notices, so restarts and several
 * processes warn once; a moved deadline warns again. A unit's warnings of one run are grouped
 * into one notice ("3 tasks overdue: …").
 */
import { createHash } from 'node:crypto';
import {
  addDays,
  defaultTaskLadder,
  dueTaskWarnings,
  joinLocalized,
  type LocalizedMessage,
  localize,
  type TaskWarningStep,
  vietnamDate,
} from '@baocao/domain';
import type { Tx } from '../../db/database';
import { findUnitRecipients, insertNotices, type NoticeRow } from '../notices/notices.queries';
import { claimTaskWarnings, findOpenTasksDueBy, findSupportingUnitsOf } from './tasks.queries';

/** How many tasks a grouped notice names before "…". */
const LISTED_TASKS = 10;

const dmy = (iso: string) => iso.split('-').reverse().join('/');

export async function runTaskLadder(tx: Tx, now: number) {
  const candidates = await findOpenTasksDueBy(tx, addDays(vietnamDate(now), defaultTaskLadder.dueSoonDays + 1));
  const due = candidates.flatMap((task) =>
    dueTaskWarnings({ deadline: task.deadline, completedAt: null }, now).map((step) => ({ task, step })),
  );
  const claimed = await claimTaskWarnings(
    tx,
    due.map(({ task, step }) => ({ taskId: task.id, step, deadline: task.deadline })),
    new Date(now),
  );
  const taken = new Set(claimed.map((c) => `${c.taskId}:${c.step}`));
  const warnings = due.filter(({ task, step }) => taken.has(`${task.id}:${step}`));
  if (warnings.length === 0) return { warnings: 0, notices: 0 };

  const supporting = await findSupportingUnitsOf(
    tx,
    warnings.map((w) => w.task.id),
  );
  // Grouped per unit and step: every unit that leads or supports a warned task.
  const groups = new Map<
    string,
    { unitId: number; step: TaskWarningStep; tasks: (typeof warnings)[number]['task'][] }
  >();
  for (const { task, step } of warnings)
    for (const unitId of [task.leadUnitId, ...(supporting.get(task.id) ?? [])]) {
      const key = `${unitId}:${step}`;
      const group = groups.get(key) ?? { unitId, step, tasks: [] };
      group.tasks.push(task);
      groups.set(key, group);
    }
  const recipients = await findUnitRecipients(tx, [...new Set([...groups.values()].map((g) => g.unitId))]);
  const rows: NoticeRow[] = [];
  for (const group of groups.values()) {
    const users = recipients.get(group.unitId) ?? [];
    if (users.length === 0) continue;
    const first = group.tasks[0]!;
    const kind = group.step === 'due_soon' ? ('task_due_soon' as const) : ('task_overdue' as const);
    const titleKey = group.step === 'due_soon' ? 'NOTICE_TASK_DUE_SOON' : 'NOTICE_TASK_OVERDUE';
    const listed = group.tasks.slice(0, LISTED_TASKS);
    const title: LocalizedMessage =
      group.tasks.length === 1
        ? localize(titleKey, { deadline: dmy(first.deadline), task: first.title })
        : localize(titleKey, {
            deadline: dmy(first.deadline),
            task: { vi: `${group.tasks.length} nhiệm vụ`, en: `${group.tasks.length} tasks` },
          });
    const body = joinLocalized(
      listed.map((task) =>
        joinLocalized(
          [
            { vi: `• ${task.title} (hạn ${dmy(task.deadline)})`, en: `• ${task.title} (due ${dmy(task.deadline)})` },
            localize('NOTICE_TASK_BODY', { directive: task.directiveNumber, lead: task.leadName }),
          ],
          ' — ',
        ),
      ),
      '\n',
    );
    const ids = group.tasks.map((t) => t.id).sort((a, b) => a - b);
    const digest = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 24);
    const link = group.tasks.length === 1 ? `/tasks/${first.id}` : '/tasks/mine';
    for (const userId of users)
      rows.push({
        userId,
        kind,
        title,
        body,
        link,
        regimeId: null,
        periodId: null,
        unitId: group.unitId,
        dedupeKey: `task:${group.step}:${group.unitId}:${digest}`,
        createdAt: new Date(now),
        emailAllowed: true,
        inboxAllowed: true,
        emailSubject: title.vi,
        emailBody: [title.vi, body.vi, '—', title.en, body.en].join('\n\n'),
      });
  }
  let notices = 0;
  for (let i = 0; i < rows.length; i += 1000) notices += await insertNotices(tx, rows.slice(i, i + 1000));
  return { warnings: warnings.length, notices };
}
