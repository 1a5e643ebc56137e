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
      '/v1/recordings',
      '/v1/recordings/{id}',
      '/v1/uploads',
      '/v1/uploads/{id}',
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

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').at(-1)!);
  });
});
