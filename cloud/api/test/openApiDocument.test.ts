import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/openApiDocument';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }>;
  };
}

describe('OpenAPI document generated from the zod contract', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('describes every route with its error responses', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/albums',
      '/v1/albums/{id}',
      '/v1/auth/login',
      '/v1/auth/register',
      '/v1/catalogue/songs',
      '/v1/recordings',
      '/v1/recordings/{id}',
      '/v1/uploads',
      '/v1/uploads/multipart',
      '/v1/uploads/{id}',
      '/v1/uploads/{id}/abort',
      '/v1/uploads/{id}/complete',
      '/v1/uploads/{id}/parts',
      '/v1/uploads/{id}/parts/{partNumber}/url',
    ]);
    expect(doc.paths['/v1/uploads']!.post!.responses).toHaveProperty('400');
  });

  it('carries the contract limits: size cap, audio types, required fields', () => {
    const create = doc.components.schemas.CreateUploadRequest!;
    expect(create.required?.sort()).toEqual(['contentType', 'fileName', 'sizeBytes']);
    expect(create.properties?.sizeBytes?.maximum).toBe(100 * 1024 * 1024);
    expect(create.properties?.contentType?.enum).toContain('audio/wav');
    expect(create.properties?.fileName?.maxLength).toBe(200);
  });

  it('carries the multipart limits and the catalogue query', () => {
    const start = doc.components.schemas.CreateMultipartUploadRequest!;
    expect(start.properties?.partSizeBytes?.minimum).toBe(5 * 1024 * 1024);
    expect(start.required).not.toContain('partSizeBytes');
    expect(doc.paths['/v1/uploads/{id}/complete']!.post!.responses).toHaveProperty('422');
    expect(doc.paths['/v1/uploads/{id}']!.delete!.responses).toHaveProperty('204');
    const query = (doc.paths['/v1/catalogue/songs']!.get as unknown as { parameters: { name: string }[] })
      .parameters;
    expect(query.map((p) => p.name).sort()).toEqual(['cursor', 'language', 'limit', 'q', 'tag']);
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').at(-1)!);
  });
});
