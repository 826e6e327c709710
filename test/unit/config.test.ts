import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

const SECRET = 'k'.repeat(40);
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: SECRET,
  APP_SECRET: `${SECRET}-app`,
  DATABASE_URL: 'postgres://focolare@db.internal:5432/focolare',
  SMTP_URL: 'smtp://mail.internal:25',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('loadConfig should have refused the configuration');
}

describe('configuration', () => {
  test('development defaults: PGlite, demo data, development secrets', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'development');
    assert.equal(c.port, 3000);
    assert.deepEqual(c.database, { kind: 'pglite', dataDir: './data/pglite' });
    assert.equal(c.demoSeed, true);
    assert.equal(c.mail.smtpUrl, undefined);
    assert.ok(c.session.secret.length >= 32);
  });

  test('variables are read and converted', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      DATABASE_POOL_SIZE: '4',
      TRUST_PROXY: 'true',
      DEMO_SEED: 'false',
    });
    assert.equal(c.port, 8080);
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@h:5432/d', poolSize: 4 });
    assert.equal(c.trustProxy, true);
    assert.equal(c.demoSeed, false);
  });

  test('unrelated environment variables are ignored', () => {
    assert.doesNotThrow(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' }));
  });

  test('a bad variable gives an Italian error naming it', () => {
    assert.match(configError({ PORT: 'abc' }).message, /^Configurazione non valida:\n- PORT: /);
    assert.match(configError({ PORT: '70000' }).message, /- PORT: /);
    assert.match(configError({ DATABASE_URL: 'non è un indirizzo' }).message, /- DATABASE_URL: /);
    assert.match(configError({ LOG_LEVEL: 'verbose' }).message, /- LOG_LEVEL: /);
    assert.match(configError({ NODE_ENV: 'staging' }).message, /- NODE_ENV: /);
    assert.match(configError({ TRUST_PROXY: 'yes' }).message, /- TRUST_PROXY: /);
  });

  test('every bad variable is named at once', () => {
    const msg = configError({ PORT: 'abc', HASH_THREADS: '-1' }).message;
    assert.match(msg, /- PORT: /);
    assert.match(msg, /- HASH_THREADS: /);
  });

  test('a short secret is refused without showing its value', () => {
    const msg = configError({ SESSION_SECRET: 'troppo-corto' }).message;
    assert.match(msg, /- SESSION_SECRET: deve essere lungo almeno 32 caratteri/);
    assert.ok(!msg.includes('troppo-corto'));
  });

  test('production requires the secrets, the database and SMTP', () => {
    const msg = configError({ NODE_ENV: 'production' }).message;
    for (const name of ['SESSION_SECRET', 'APP_SECRET', 'DATABASE_URL', 'SMTP_URL']) {
      assert.match(msg, new RegExp(`- ${name}: obbligatoria in produzione`));
    }
    const { APP_SECRET: _omitted, ...withoutAppSecret } = PRODUCTION;
    const one = configError(withoutAppSecret).message;
    assert.match(one, /- APP_SECRET: obbligatoria in produzione/);
    assert.ok(!one.includes('SESSION_SECRET'));
  });

  test('a complete production configuration loads, without the demo data and the development secret', () => {
    const c = loadConfig(PRODUCTION);
    assert.equal(c.env, 'production');
    assert.equal(c.demoSeed, false);
    assert.equal(c.session.secret, SECRET);
    assert.equal(c.appSecret, `${SECRET}-app`);
    assert.equal(c.database.kind, 'postgres');
    assert.equal(c.mail.smtpUrl, 'smtp://mail.internal:25');
  });
});
