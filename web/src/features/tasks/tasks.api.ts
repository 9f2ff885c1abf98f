import type {
  DirectiveDetail,
  DirectiveInput,
  DirectiveItem,
  DirectiveKind,
  TaskDetail,
  TaskImportResult,
  TaskItem,
  TaskProgressInput,
  TaskStats,
  TaskStatus,
} from '@baocao/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString, upload } from '../../api/client';
import type { PageOf } from '../../api/types';

export const tasksQueryKey = ['tasks'] as const;

export interface DirectivesChoice {
  q?: string | undefined;
  kind?: DirectiveKind | undefined;
  unitId?: number | undefined;
  offset: number;
  limit: number;
}

export function useDirectives(choice: DirectivesChoice) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'directives', choice],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<DirectiveItem>>(
        `/directives${queryString({ q: choice.q, kind: choice.kind, unitId: choice.unitId, offset: choice.offset, limit: choice.limit })}`,
        { signal },
      ),
  });
}

export function useDirective(id: number | null) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'directive', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<DirectiveDetail>(`/directives/${id}`, { signal }),
  });
}

export interface TasksChoice {
  mine?: boolean | undefined;
  status?: TaskStatus | undefined;
  unitId?: number | undefined;
  offset: number;
  limit: number;
}

export function useTasks(choice: TasksChoice) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'list', choice],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<TaskItem>>(
        `/tasks${queryString({
          mine: choice.mine || undefined,
          status: choice.status,
          unitId: choice.unitId,
          offset: choice.offset,
          limit: choice.limit,
        })}`,
        { signal },
      ),
  });
}

export function useTask(id: number | null) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'task', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<TaskDetail>(`/tasks/${id}`, { signal }),
  });
}

export interface StatsChoice {
  unitId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useTaskStats(choice: StatsChoice) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'stats', choice],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<TaskStats>(`/tasks/stats${queryString({ unitId: choice.unitId, from: choice.from, to: choice.to })}`, {
        signal,
      }),
  });
}

export function createDirective(body: DirectiveInput) {
  return api<{ id: number; taskIds: number[] }>('/directives', { method: 'POST', body });
}

export function reportProgress(taskId: number, body: TaskProgressInput) {
  return api<{ id: number }>(`/tasks/${taskId}/progress`, { method: 'POST', body });
}

export function attachToProgress(progressId: number, file: File) {
  return upload<{ id: number }>(`/tasks/progress/${progressId}/attachments`, file);
}

export function importTasks(directiveId: number, file: File, dryRun: boolean) {
  return upload<TaskImportResult>(`/directives/${directiveId}/tasks/import${queryString({ dryRun })}`, file);
}

/** The address that downloads an attachment (the server always answers it as a download). */
export const attachmentUrl = (id: number) => `/api/v1/tasks/attachments/${id}`;
