import type {
  ApiErrorBody,
  ComplianceBoard,
  ComplianceDefault,
  ComplianceStats,
  ComplianceStatus,
  UnitLevel,
} from '@baocao/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api, queryString } from '../../api/client';

export const complianceQueryKey = ['compliance'] as const;

export interface BoardChoice {
  regimeId: number;
  formId?: number | undefined;
  periodId: string;
  unitId?: number | undefined;
  level?: UnitLevel | undefined;
  status?: ComplianceStatus | undefined;
}

export interface StatsChoice {
  regimeId: number;
  formId?: number | undefined;
  from: string;
  to: string;
  unitId?: number | undefined;
  level?: UnitLevel | undefined;
}

const boardQuery = (choice: BoardChoice) =>
  queryString({
    regimeId: choice.regimeId,
    formId: choice.formId,
    periodId: choice.periodId,
    unitId: choice.unitId,
    level: choice.level,
    status: choice.status,
  });

/** What the page opens on when the address names no regime: the caller's main regime and latest period sent. */
export function useComplianceDefault(enabled: boolean) {
  return useQuery({
    queryKey: [...complianceQueryKey, 'default'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => api<ComplianceDefault>('/compliance/default', { signal }),
  });
}

/** The board of a period; the status filter is applied here, on the page, so the totals never flicker. */
export function useComplianceBoard(choice: BoardChoice | null) {
  return useQuery({
    queryKey: [...complianceQueryKey, 'board', choice && { ...choice, status: undefined }],
    enabled: choice !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<ComplianceBoard>(`/compliance/board${boardQuery({ ...choice!, status: undefined })}`, { signal }),
  });
}

export function useComplianceStats(choice: StatsChoice | null) {
  return useQuery({
    queryKey: [...complianceQueryKey, 'stats', choice],
    enabled: choice !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<ComplianceStats>(
        `/compliance/stats${queryString({
          regimeId: choice!.regimeId,
          formId: choice!.formId,
          from: choice!.from,
          to: choice!.to,
          unitId: choice!.unitId,
          level: choice!.level,
        })}`,
        { signal },
      ),
  });
}

/** Downloads the board as a workbook (fetched, so a refusal comes back as a message); returns the file name. */
export async function downloadBoardXlsx(choice: BoardChoice, language: 'vi' | 'en'): Promise<string> {
  const response = await fetch(`/api/v1/compliance/board.xlsx${boardQuery(choice)}`, {
    credentials: 'same-origin',
    headers: { 'accept-language': language },
  });
  if (!response.ok) {
    let body: Partial<ApiErrorBody> = {};
    try {
      body = await response.json();
    } catch {
      // Not JSON: a generic message below.
    }
    throw new ApiError(response.status, {
      ...body,
      message: body.message ?? `HTTP ${response.status}`,
      requestId: body.requestId ?? response.headers.get('x-request-id') ?? '',
    });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `tinh-hinh-bao-cao-${choice.periodId}.xlsx`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

/** Exempts a unit from the regime for the periods `periodFrom`–`periodTo`, with a reason. */
export function createExemption(body: {
  unitId: number;
  regimeId: number;
  periodFrom: string;
  periodTo: string | null;
  reason: string;
}) {
  return api<{ id: number }>('/compliance/exemptions', { method: 'POST', body });
}

export function deleteExemption(id: number) {
  return api<{ ok: boolean }>(`/compliance/exemptions/${id}`, { method: 'DELETE' });
}
