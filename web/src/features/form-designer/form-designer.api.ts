import type {
  ApiErrorBody,
  FormDefinition,
  FormDetail,
  FormPublished,
  FormValidation,
  FormVersionDetail,
  FormVersionDiff,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, queryString } from '../../api/client';
import { regimesQueryKey } from '../regimes/regimes.api';

export type FormDetailView = Static<typeof FormDetail>;
export type FormVersionView = FormVersionDetail;
export type FormValidationView = Static<typeof FormValidation>;
export type FormVersionDiffView = Static<typeof FormVersionDiff>;
export type FormPublishedView = Static<typeof FormPublished>;
export type VersionSummaryView = FormDetailView['versions'][number];

export const formQueryKey = (formId: number) => ['forms', formId] as const;
export const formVersionQueryKey = (versionId: number) => ['form-versions', versionId] as const;

export function useFormDetail(formId: number) {
  return useQuery({
    queryKey: formQueryKey(formId),
    queryFn: ({ signal }) => api<FormDetailView>(`/forms/${formId}`, { signal }),
  });
}

export function useFormVersion(versionId: number | null) {
  return useQuery({
    queryKey: formVersionQueryKey(versionId ?? 0),
    queryFn: ({ signal }) => api<FormVersionView>(`/form-versions/${versionId}`, { signal }),
    enabled: versionId !== null,
  });
}

/** After a version changes: its form's version list and the regime's form summaries are stale. */
function useVersionChanged() {
  const client = useQueryClient();
  return (version: FormVersionView) => {
    client.setQueryData(formVersionQueryKey(version.id), version);
    void client.invalidateQueries({ queryKey: formQueryKey(version.formId) });
    void client.invalidateQueries({ queryKey: regimesQueryKey });
  };
}

export function useSaveDraft(versionId: number) {
  const changed = useVersionChanged();
  return useMutation({
    mutationFn: (input: { definition: FormDefinition; updatedAt: string }) =>
      api<FormVersionView>(`/form-versions/${versionId}`, { method: 'PUT', body: input }),
    onSuccess: changed,
  });
}

export function useValidateDefinition(versionId: number) {
  return useMutation({
    mutationFn: (definition: FormDefinition) =>
      api<FormValidationView>(`/form-versions/${versionId}/validate`, { method: 'POST', body: { definition } }),
  });
}

export function fetchVersionDiff(versionId: number): Promise<FormVersionDiffView> {
  return api<FormVersionDiffView>(`/form-versions/${versionId}/diff`);
}

export function usePublishVersion(versionId: number) {
  const changed = useVersionChanged();
  return useMutation({
    mutationFn: () => api<FormPublishedView>(`/form-versions/${versionId}/publish`, { method: 'POST' }),
    onSuccess: (published) => changed(published.version),
  });
}

export function useCreateDraft(formId: number) {
  const changed = useVersionChanged();
  return useMutation({
    mutationFn: () => api<FormVersionView>(`/forms/${formId}/versions`, { method: 'POST' }),
    onSuccess: changed,
  });
}

export function useDeleteDraft(formId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (versionId: number) => api<{ ok: boolean }>(`/form-versions/${versionId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: formQueryKey(formId) });
      void client.invalidateQueries({ queryKey: regimesQueryKey });
    },
  });
}

/**
 * Downloads a version's Excel template for a unit and period. Fetched (not a plain link) so a
 * refusal — a period of the wrong frequency, a unit out of view — comes back as a message.
 */
export async function downloadTemplate(versionId: number, unitId: number, period: string): Promise<string> {
  const response = await fetch(`/api/v1/form-versions/${versionId}/template.xlsx${queryString({ unitId, period })}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let body: { code?: string; message?: string; field?: string | null; requestId?: string } = {};
    try {
      body = await response.json();
    } catch {
      // Not JSON: a generic message below.
    }
    throw new ApiError(response.status, {
      code: (body.code ?? 'INTERNAL') as ApiErrorBody['code'],
      message: body.message ?? `HTTP ${response.status}`,
      field: body.field ?? null,
      requestId: body.requestId ?? response.headers.get('x-request-id') ?? '',
    });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `template-${versionId}-${period}.xlsx`;
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
