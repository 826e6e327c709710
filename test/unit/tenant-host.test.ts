import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slugFromHost } from '../../src/tenancy/tenant.js';

describe('tenant slug from the Host header', () => {
  const cases: Array<[string | undefined, string]> = [
    ['demo.localhost:3000', 'demo'],
    ['demo.localhost', 'demo'],
    ['ente.example.org', 'ente'],
    ['ente.example.org:443', 'ente'],
    ['DEMO.Localhost:3000', 'demo'],
    ['localhost', 'default'],
    ['localhost:3000', 'default'],
    ['127.0.0.1:3000', 'default'],
    ['127.0.0.1', 'default'],
    ['10.1.2.3:8080', 'default'],
    ['[::1]:3000', 'default'],
    ['[::1]', 'default'],
    ['', 'default'],
    [undefined, 'default'],
  ];
  for (const [host, slug] of cases) {
    test(`${JSON.stringify(host)} → ${slug}`, () => {
      assert.equal(slugFromHost(host, 'default'), slug);
    });
  }
});
