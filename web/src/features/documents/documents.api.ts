import type { DocumentChange, DocumentDefinition, DocumentTemplateBody } from '@baocao/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';

export const documentsQueryKey = ['documents'] as const;

export interface DocumentView {
  id: number;
  template: { id: number; code: string; name: string };
  unit: { id: number; code: string; name: string };
  periodId: string;
  periodLabel: string;
  version: number;
  number: string;
  title: string;
  generatedAt: string;
  generatedBy: string | null;
  trigger: string;
  revisionCount: number;
  isDemo: boolean;
}

export interface DocumentContentView {
  narrative: string;
  placeDate: string;
  values: {
    key: string;
    label: string;
    unitOfMeasure: string | null;
    value: number | null;
    previous: number | null;
    changePct: number | null;
  }[];
}

export interface DocumentDetailView extends DocumentView {
  revisionIds: number[];
  content: DocumentContentView;
  changes: DocumentChange[] | null;
  versions: { id: number; version: number; generatedAt: string; number: string }[];
}

export interface TemplateView {
  id: number;
  code: string;
  name: string;
  regime: { id: number; code: string };
  unit: { id: number; code: string; name: string };
  scheduleDay: number | null;
  active: boolean;
  definition: DocumentDefinition;
  lastDocument: { id: number; periodId: string; version: number; generatedAt: string } | null;
  lastFailure: { periodId: string; attempts: number; error: string; at: string } | null;
}

interface PageOf<T> {
  items: T[];
  total: number;
}

export function useDocuments(filter: { latest: boolean; templateId?: number }, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...documentsQueryKey, 'list', filter, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PageOf<DocumentView>>(
        `/documents${queryString({ latest: filter.latest || undefined, templateId: filter.templateId, limit: pageSize, offset: (page - 1) * pageSize })}`,
        { signal },
      ),
  });
}

export function useDocument(id: number) {
  return useQuery({
    queryKey: [...documentsQueryKey, 'one', id],
    queryFn: ({ signal }) => api<DocumentDetailView>(`/documents/${id}`, { signal }),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: [...documentsQueryKey, 'templates'],
    queryFn: ({ signal }) => api<PageOf<TemplateView>>('/document-templates?limit=200', { signal }),
  });
}

export function useTemplate(id: number | null) {
  return useQuery({
    queryKey: [...documentsQueryKey, 'template', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<TemplateView>(`/document-templates/${id}`, { signal }),
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: DocumentTemplateBody }) =>
      id === null
        ? api<{ id: number }>('/document-templates', { method: 'POST', body })
        : api<{ ok: boolean }>(`/document-templates/${id}`, { method: 'PUT', body }).then(() => ({ id })),
    onSuccess: () => client.invalidateQueries({ queryKey: documentsQueryKey }),
  });
}

export function useGenerate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, periodId }: { id: number; periodId: string }) =>
      api<{ id: number; version: number; created: boolean }>(`/document-templates/${id}/generate`, {
        method: 'POST',
        body: { periodId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: documentsQueryKey }),
  });
}

export const fileUrl = (id: number, format: 'pdf' | 'xlsx') => `/api/v1/documents/${id}/files/${format}`;
