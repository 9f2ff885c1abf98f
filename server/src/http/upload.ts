import { DomainError } from '@baocao/domain';
import type { FastifyRequest } from 'fastify';

/**
 * The one uploaded file of a multipart request (field "file"), read whole. A body that is not
 * multipart is 415; a multipart body the parser cannot read (no boundary, no closing boundary, a
 * broken part header) is 400 MALFORMED_MULTIPART, never a 500; no file is 400 on `file`.
 */
export async function uploadedFile(request: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { field: 'file' });
  try {
    const part = await request.file();
    if (!part) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    return { fileName: part.filename, content: await part.toBuffer() };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Limits (file or body too large) keep their own codes in the error handler.
    if ((error as { statusCode?: number }).statusCode === 413) throw error;
    throw new DomainError('MALFORMED_MULTIPART', { field: 'file' });
  }
}
