import type {
  DocumentSignatureState,
  DocumentSignatureView,
  SignatureView,
  SigningCertificateView,
} from '@baocao/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client';

export const signaturesQueryKey = ['signatures'] as const;

/** A file's bytes in base64, as the signature API takes them. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function useCertificates(unitId: number | undefined) {
  return useQuery({
    queryKey: [...signaturesQueryKey, 'certificates', unitId ?? null],
    queryFn: ({ signal }) =>
      api<SigningCertificateView[]>(`/signing-certificates${queryString({ unitId })}`, { signal }),
  });
}

export interface CertificateUploadInput {
  unitId: number;
  certificatePem?: string;
  privateKeyPem?: string;
  keyPassphrase?: string;
  pkcs12?: string;
  pkcs12Password?: string;
}

export function useCertificateActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: signaturesQueryKey });
  return {
    issue: useMutation({
      mutationFn: (body: { unitId: number; validDays?: number }) =>
        api<SigningCertificateView>('/signing-certificates/issue', { method: 'POST', body }),
      onSuccess: refresh,
    }),
    upload: useMutation({
      mutationFn: (body: CertificateUploadInput) =>
        api<SigningCertificateView>('/signing-certificates', { method: 'POST', body }),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: ({ id, reason }: { id: number; reason: string }) =>
        api<SigningCertificateView>(`/signing-certificates/${id}/revoke`, { method: 'POST', body: { reason } }),
      onSuccess: refresh,
    }),
  };
}

export function useRevisionSignatures(revisionId: number | null) {
  return useQuery({
    queryKey: [...signaturesQueryKey, 'revision', revisionId],
    enabled: revisionId !== null,
    queryFn: ({ signal }) => api<SignatureView[]>(`/revisions/${revisionId}/signatures`, { signal }),
  });
}

export function useSignRevision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: number) =>
      api<SignatureView>(`/revisions/${revisionId}/signatures`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: signaturesQueryKey }),
  });
}

export function useDocumentSignature(documentId: number) {
  return useQuery({
    queryKey: [...signaturesQueryKey, 'document', documentId],
    queryFn: ({ signal }) => api<DocumentSignatureState>(`/documents/${documentId}/signature`, { signal }),
  });
}

export function useSignDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (documentId: number) =>
      api<DocumentSignatureView>(`/documents/${documentId}/signature`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: signaturesQueryKey }),
  });
}

export const signatureFileUrl = (id: number, file: 'data.json' | 'signature.p7s') => `/api/v1/signatures/${id}/${file}`;
export const signedPdfUrl = (documentId: number) => `/api/v1/documents/${documentId}/signed-pdf`;
export const AUTHORITY_URL = '/api/v1/signing-authority.pem';
