import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, isRole, PERMISSIONS, ROLES } from '../../src/auth/permissions.js';

describe('permissions', () => {
  test('a role has exactly the permissions it grants, every other is denied', () => {
    for (const [role, def] of Object.entries(ROLES)) {
      for (const permission of PERMISSIONS) {
        const granted = (def.permissions as readonly string[]).includes(permission);
        assert.equal(can(role, permission), granted, `${role} ${permission}`);
      }
    }
  });

  test('a citizen manages only the own profile', () => {
    assert.equal(can('citizen', 'profile:manage'), true);
    assert.equal(can('citizen', 'backoffice:access'), false);
    assert.equal(can('citizen', 'audit:read'), false);
    assert.equal(can('citizen', 'users:manage'), false);
    assert.equal(can('citizen', 'tenant:configure'), false);
  });

  test('an officer works in the back office but cannot configure the tenant or manage users', () => {
    assert.equal(can('officer', 'backoffice:access'), true);
    assert.equal(can('officer', 'tenant:configure'), false);
    assert.equal(can('officer', 'users:manage'), false);
  });

  test('the tenant administrator configures the tenant, manages users and has all an officer has', () => {
    for (const p of [
      'profile:manage',
      'backoffice:access',
      'audit:read',
      'tenant:configure',
      'users:manage',
    ] as const)
      assert.equal(can('tenant_admin', p), true, p);
    for (const p of ROLES.officer.permissions) assert.equal(can('tenant_admin', p), true, p);
  });

  test('no role other than the tenant administrator configures the tenant or manages users', () => {
    for (const role of Object.keys(ROLES).filter((r) => r !== 'tenant_admin')) {
      assert.equal(can(role, 'tenant:configure'), false, role);
      assert.equal(can(role, 'users:manage'), false, role);
    }
  });

  test('an unknown, empty or missing role is denied everything', () => {
    for (const role of ['superuser', 'admin', 'TENANT_ADMIN', '', null, undefined]) {
      for (const p of PERMISSIONS) assert.equal(can(role, p), false, `${String(role)} ${p}`);
    }
  });

  test('inherited object keys are not roles', () => {
    for (const role of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.equal(isRole(role), false, role);
      assert.equal(can(role, 'profile:manage'), false, role);
    }
  });
});
